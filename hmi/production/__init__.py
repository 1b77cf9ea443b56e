"""Production records around the running line (Qt-free): what happens to lots and to the
recipe values once a changeover has released them.

- `holds`: lots on hold (a trial changeover's lot, an automatic hold from a dew-point
  excursion or a restore procedure) and their release by a QA signature. Every place and
  release is audited; the store returns frozen dataclasses.
- `variance`: continuous variance monitoring of a released changeover's parameters: a
  TagStore subscriber that logs each change at the PLC against the downloaded value, with
  who made it when the command service's audit trail knows.
- `changeover_glue`: what the hmi side does when a changeover is released (the `recipes`
  package cannot import hmi): a trial release places a hold on its lot.

The composition root (hmi/app.py) builds these over the plant database and the security
services; the screens only call them, from a worker thread (short database calls).
"""
