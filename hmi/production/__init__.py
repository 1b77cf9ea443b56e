"""Production records around the running line (Qt-free): OEE with reason codes, SPC gates,
lots and their parameter lineage, and what happens to lots and recipe values once a
changeover has released them (DOMAIN.md section 5).

OEE
- `oee`: the arithmetic: factors from PackML state spans and counts, stops, the line's
  factors, the waterfall of losses.
- `oee_store`: the OEE record in the plant database (state changes, output per minute,
  downtime events with their reasons).
- `oee_tracker`: OeeTracker, the TagStore subscriber that records states and output, asks
  for a reason after the minor-stop threshold and assigns it (audited).
- `oee_queries`: the screen's and CLI's queries (period, shift, last hour, top reasons,
  micro-stops, OEE per shift).
- `reasons`: the reason-code tree (six big losses, resources/reasons) and the likely
  reasons for a stop; `alarm_hints`: hints from the alarm engine's first-out alarm.
- `shifts`: the shift calendar; `recipe_link`: ActiveRecipes, the released recipe (and
  lot) per station and its ideal rate.

SPC
- `subgroups`: samples into subgroups; `spc_rules`: Western Electric and Nelson rules;
  `capability`: control limits, Cp/Cpk/Pp/Ppk and when they may be computed;
  `spc_analysis`: one chart's limits, rule firings and capability; `spc`: SpcMonitor (live
  charts, rule events and their alarms, the automatic Cpk hold, the first article);
  `spc_store`: its points and limits in the plant database (0009_spc); `first_article`:
  the changeover's first-article verdict.

Lots and lineage
- `lots`: lots and rolls per station run with parent/child links (plant database,
  migration 0008_lots); LotTracker follows the PLC's lot tags and takes scanned lots.
- `lineage`: LineageReader, a lot's parameter lineage across all its ancestors (recipe
  version and control hash, variances, writes, alarms, restores, dew-point exposure,
  holds); `lineage_export`: the export bundle; `lineage_cli`: `lineside lineage`.

Holds and released recipes
- `holds`: lots on hold (a trial changeover's lot, an automatic hold from SPC, a dew-point
  excursion or a restore procedure) and their release by a QA signature. Every place and
  release is audited; the store returns frozen dataclasses.
- `variance`: continuous variance monitoring of a released changeover's parameters: a
  TagStore subscriber that logs each change at the PLC against the downloaded value, with
  who made it when the command service's audit trail knows.
- `changeover_glue`: what the hmi side does when a changeover is released (the `recipes`
  package cannot import hmi): a trial release places a hold on its lot.

- `build`: building the tracker and the monitor from a line config; `cli`: `lineside oee`
  and `lineside spc`.

The composition root (hmi/app.py) builds these over the plant database and the security
services; the screens only call them, from a worker thread (short database calls).
"""
