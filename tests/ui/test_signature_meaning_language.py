"""A signature's meaning is said in the panel's language on the dialog (the signature itself
keeps the English id: 21 CFR 11.50's manifestation and the audit trail stay one language)."""

from __future__ import annotations

import pytest

from hmi.security.signatures import Meaning
from hmi.ui.user_text_qt import said_meaning
from widgets.signature_dialog import SignatureDialog

SAID = {
    "de": {Meaning.APPROVED: "genehmigt", Meaning.RELEASED: "freigegeben",
           Meaning.VERIFIED: "geprüft", Meaning.PERFORMED: "ausgeführt"},
    "zh_CN": {},  # every meaning differs from English (checked below)
}


@pytest.mark.parametrize("code", ["de", "zh_CN"])
def test_the_sign_button_says_the_meaning_in_the_panels_language(
        qtbot, speak, code: str) -> None:  # type: ignore[no-untyped-def]
    speak(code)  # type: ignore[operator]
    for meaning in Meaning:
        word = said_meaning(meaning)
        assert word and word != meaning.value, (code, meaning)
        if meaning in SAID[code]:
            assert word == SAID[code][meaning]
        dialog = SignatureDialog(None, meaning=word, record="Rezept NMC811 v2",
                                 record_hash="ab" * 32, user_id="olga")
        qtbot.addWidget(dialog)
        assert word in dialog.sign_button.text()
        assert meaning.value not in dialog.sign_button.text()
        assert word in dialog.windowTitle()


def test_english_stays_the_id() -> None:
    assert [said_meaning(m) for m in Meaning] == [m.value for m in Meaning]
