; Opora for Windows 10/11: OporaSetup-<version>.exe, a per-machine installer with Russian pages.
;   makensis /DVERSION=0.1.0 /DSOURCE=build\dist\opora /DOUTDIR=build installer\windows\opora.nsi
; SOURCE is the PyInstaller one-folder bundle (opora.exe, opora-cli.exe, _internal\) built on Windows by
; installer\windows\build.ps1. The user's data (%LOCALAPPDATA%\Opora: database, backups, logs, keys) is not
; the installer's: neither an upgrade nor the uninstaller touches it.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma

!ifndef VERSION
  !error "VERSION is not defined: makensis /DVERSION=x.y.z"
!endif
!ifndef SOURCE
  !error "SOURCE is not defined: makensis /DSOURCE=path\to\bundle"
!endif
!ifndef OUTDIR
  !define OUTDIR "."
!endif

!define APP_NAME "Опора"
!define APP_KEY "Opora"
!define EXE "opora.exe"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\${APP_KEY}"
!define PUBLISHER "Опора"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUTDIR}\OporaSetup-${VERSION}.exe"
InstallDir "$PROGRAMFILES64\${APP_KEY}"
InstallDirRegKey HKLM "${UNINSTALL_KEY}" "InstallLocation"
RequestExecutionLevel admin
BrandingText "${APP_NAME} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1049 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=1049 "FileDescription" "Установка программы ${APP_NAME}"
VIAddVersionKey /LANG=1049 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1049 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1049 "LegalCopyright" "${PUBLISHER}"

!include "MUI2.nsh"
!include "LogicLib.nsh"
!include "x64.nsh"

!define MUI_ICON "opora.ico"
!define MUI_UNICON "opora.ico"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TITLE "Установка программы «${APP_NAME}» ${VERSION}"
!define MUI_WELCOMEPAGE_TEXT "Программа для учёта семей с детьми и работы с ними в центре социального обслуживания.$\r$\n$\r$\nПрограмма будет установлена для всех пользователей этого компьютера. Если «${APP_NAME}» уже установлена, она будет обновлена; база данных и резервные копии сохранятся.$\r$\n$\r$\nНажмите «Далее», чтобы продолжить."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Запустить «${APP_NAME}»"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "Программа «${APP_NAME}» будет удалена с компьютера. Базы данных, резервные копии и журналы пользователей (папка %LOCALAPPDATA%\Opora) НЕ удаляются — их можно перенести на другой компьютер или удалить вручную."

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Russian"

; Close a running Opora before its files are replaced or removed: ask politely (taskkill without /F sends
; WM_CLOSE, so the program can finish its work and back up), wait, then end what is left.
!macro CLOSE_RUNNING UN
Function ${UN}CloseRunning
  nsExec::ExecToLog 'taskkill /IM ${EXE} /T'
  Pop $0
  ${If} $0 == 0
    DetailPrint "Закрываем запущенную программу «${APP_NAME}»…"
    Sleep 3000
    nsExec::ExecToLog 'taskkill /F /IM ${EXE} /T'
    Pop $0
  ${EndIf}
  nsExec::ExecToLog 'taskkill /F /IM opora-cli.exe /T'
  Pop $0
FunctionEnd
!macroend
!insertmacro CLOSE_RUNNING ""
!insertmacro CLOSE_RUNNING "un."

Function .onInit
  ${IfNot} ${RunningX64}
    MessageBox MB_OK|MB_ICONSTOP "«${APP_NAME}» работает только в 64-разрядной Windows 10 или 11."
    Abort
  ${EndIf}
  SetRegView 64
  ; An earlier version: install over it in its folder.
  ReadRegStr $0 HKLM "${UNINSTALL_KEY}" "InstallLocation"
  ${If} $0 != ""
    StrCpy $INSTDIR $0
  ${EndIf}
FunctionEnd

Section "Программа" SecProgram
  SectionIn RO
  SetShellVarContext all
  SetRegView 64
  Call CloseRunning
  ; An upgrade replaces the program files whole (no stale modules of the old version are left); the user's
  ; data is not in this folder.
  RMDir /r "$INSTDIR\_internal"
  SetOutPath "$INSTDIR"
  File /r "${SOURCE}\*.*"
  File "opora.ico"
  WriteUninstaller "$INSTDIR\Uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\opora.ico"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\Проверить установку.lnk" "$SYSDIR\cmd.exe" \
    '/k ""$INSTDIR\opora-cli.exe" selfcheck"' "$INSTDIR\opora.ico"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\Удалить ${APP_NAME}.lnk" "$INSTDIR\Uninstall.exe"
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${EXE}" "" "$INSTDIR\opora.ico"

  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\opora.ico"
  WriteRegStr HKLM "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegStr HKLM "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Uninstall.exe" /S'
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKLM "${UNINSTALL_KEY}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  SetShellVarContext all
  SetRegView 64
  Call un.CloseRunning
  Delete "$DESKTOP\${APP_NAME}.lnk"
  RMDir /r "$SMPROGRAMS\${APP_NAME}"
  ; Only the program's folder: %LOCALAPPDATA%\Opora (databases, backups, logs, keys) stays.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${EXE}"
  Delete "$INSTDIR\opora-cli.exe"
  Delete "$INSTDIR\opora.ico"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKLM "${UNINSTALL_KEY}"
SectionEnd
