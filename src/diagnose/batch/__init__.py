"""Many clusters at once, from spreadsheets: the fill-in template (template.py), reading workbooks,
CSV files and folders of profiles as a stream of rows (sheets.py, columns.py, rows.py), one batch
run through the bulk evaluation (run.py, progress.py), the portfolio (portfolio.py) and its xlsx
form (portfolio_xlsx.py), and adding a profile to a workbook (append.py). openpyxl is imported here
and nowhere else."""
