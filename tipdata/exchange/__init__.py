"""Data exchange in the standard anti-trafficking formats (CTDC, UNODC GLOTIP, HTCDS 2.0).

The pure readers and writers live in ``tipdata.intake.formats``; this app wires them to the
records: imports write through the domain services (validated, audited, all or nothing),
exports read through ``visible_to`` and are audited as exports.

Decisions worth knowing:

* CTDC rows have no identifier: a row's ``source_ref`` is its content hash plus its occurrence
  among identical rows, so a re-import finds every row; a corrected file adds the changed rows
  and names (never deletes) the ones no longer in it.
* CTDC records are de-identified victims of the contributing organisation, each with a Person
  of its own: linkage skips them (``Victim.is_deidentified``), national counts leave them out,
  ``PROT_VICTIMS_ASSISTED_BY_ORGANISATION`` counts them for their organisation.
* The CTDC export is k-anonymised (k=11 by default, the threshold the disclosure-control notes
  measured): quasi-identifiers are suppressed most identifying first, then records withheld.
* GLOTIP figures become historical values under "UNODC GLOTIP <release>"; "<5" is a withheld
  small count, never a number. A value entered from another source is kept unless replaced.
  The correspondence with the catalogue is data: ``glotip_mapping.yaml``.
* The GLOTIP export is the report's own record-based figures, exact (UNODC wants exact
  counts); ``suppress_below`` only for a public release.
"""
