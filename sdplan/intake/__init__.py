"""What comes in and what is handed out to fill in: uploaded files read as hostile, and import templates.

Nothing here touches the database: the store (:mod:`sdplan.store`) builds on this package, never the other way
(``tests/test_architecture.py`` checks it). Modules:

- ``files`` reads uploaded CSV and XLSX files into a table of text cells, through ``sandbox`` (a child
  process with memory and time limits) and the stdlib-only readers ``cells`` (CSV and the limits
  counted while reading), ``xlsx`` (streaming workbooks, the one visible sheet with data) and
  ``numfmt`` (Excel number formats: percents and dates as shown);
- ``import_rows`` says what an import file's rows mean before their values are checked: column
  names, full-width digits, unfilled template rows, regions and their prefectures;
- ``region_names`` matches region names as officials write them to adcodes;
- ``figure_files`` reads and checks a file of figures (``parse_import``); ``subtarget_files`` a file of
  sub-targets (``parse_subtargets``) and writes its template;
- ``soft_checks`` the warnings a submitted figure may raise against the current ones (never refusals);
- ``template`` (the rows), ``template_xlsx`` (the workbook with drop-downs and rules) and ``template_files``
  (CSV or XLSX bytes) write an indicator's import template.
"""
