"""Readers and writers for the standard anti-trafficking data formats (pure Python, no Django).

* ``glotip`` — UNODC Global Report on Trafficking in Persons, long format;
* ``ctdc`` — Counter Trafficking Data Collaborative victim records;
* ``htcds`` — IOM's Human Trafficking Case Data Standard 2.0 workbooks and CSVs.

This package imports nothing on purpose: ``tipdata.intake.readers`` uses ``csvtext`` from here.
"""
