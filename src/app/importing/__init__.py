"""Import of existing Excel/CSV registries and journals (families, past sessions, home visits).

The steps, each a module: `files` reads a workbook or CSV after the hostile-file guards, `headers`
finds the header row and proposes a column mapping (`fields` lists what can be mapped), `cells`
turns messy cell values into dates, СНИЛС and names, `matching` maps free text to dictionaries,
`families_plan` / `journals_plan` build the preview (new / update / duplicate / error per row),
`families_write` / `journals_write` apply it in one transaction, `error_report` writes the rejected
rows to XLSX and `runner` ties the steps together for the command line and the wizard.
"""
