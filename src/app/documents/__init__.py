"""Layout helpers shared by generated files: Word templates, PDF fonts, XLSX sheets, Russian name declension."""
