# Build OporaSetup-<version>.exe on Windows 10/11 (x64) or a Windows CI runner.
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
# Needs: Python 3.11+ (x64) on PATH, NSIS 3 (makensis on PATH or in Program Files (x86)\NSIS).
# Steps: a clean venv with the runtime packages and PyInstaller (the `installer` extra), the translations,
# the PyInstaller bundle (installer\opora.spec), its own `opora-cli.exe selfcheck`, then makensis.
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$root = (Get-Location).Path

$version = (Select-String -Path src\app\__init__.py -Pattern '__version__ = "(.*)"').Matches[0].Groups[1].Value
Write-Host "Opora $version"

if (-not (Test-Path build\venv-win)) { python -m venv build\venv-win }
$py = Join-Path $root "build\venv-win\Scripts\python.exe"
& $py -m pip install --quiet --upgrade pip
& $py -m pip install --quiet ".[installer]"
if ($LASTEXITCODE -ne 0) { throw "pip install failed" }

# Translations (.qm) are built files: compile them into resources\translations before bundling.
& (Join-Path $root "build\venv-win\Scripts\pyside6-lrelease.exe") resources\translations\opora_ru.ts `
    -qm resources\translations\opora_ru.qm
if ($LASTEXITCODE -ne 0) { throw "lrelease failed" }

& $py -m PyInstaller --noconfirm --distpath build\dist --workpath build\pyinstaller installer\opora.spec
if ($LASTEXITCODE -ne 0) { throw "PyInstaller failed" }

# The bundle checks itself before it is packed: database, reports, fonts, translation, drawing.
$env:QT_QPA_PLATFORM = "offscreen"
$env:OPORA_DATA_DIR = Join-Path $root "build\selfcheck-data"
& build\dist\opora\opora-cli.exe selfcheck
if ($LASTEXITCODE -ne 0) { throw "selfcheck of the bundle failed" }
Remove-Item Env:QT_QPA_PLATFORM, Env:OPORA_DATA_DIR

$makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
if (-not $makensis) { $makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
$source = Join-Path $root "build\dist\opora"
$out = Join-Path $root "build"
& $makensis /V2 "/DVERSION=$version" "/DSOURCE=$source" "/DOUTDIR=$out" installer\windows\opora.nsi
if ($LASTEXITCODE -ne 0) { throw "makensis failed" }
Write-Host "Built build\OporaSetup-$version.exe"
