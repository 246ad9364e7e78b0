; Windows installer for SECOR Desktop (NSIS 3, Modern UI 2).
;
; Installs the PyInstaller folder for the current user, no administrator rights needed
; (%LOCALAPPDATA%\Programs\SECOR Desktop), with a Start menu entry, an optional desktop
; shortcut and an entry in Settings > Apps to uninstall it. Uninstalling removes the program
; only: the records stay in the data folder (%LOCALAPPDATA%\secor-desktop).
;
; Built by .github/workflows/packages.yml; by hand, from the repository root, after
; scripts\build-packages has made dist\secor-desktop:
;   makensis -DVERSION=0.1.0 -DVERSION_NUMERIC=0.1.0.0 packaging\windows\secor-desktop.nsi
; writes dist\secor-desktop_0.1.0_windows-x64-setup.exe. VERSION comes from pyproject.toml
; (python packaging/project.py version). makensis works in this script's folder, so BUNDLE
; and OUTDIR, when given, are absolute paths or relative to packaging\windows.

Unicode true
ManifestDPIAware true
SetCompressor /SOLID lzma
RequestExecutionLevel user

!ifndef VERSION
  !error "Pass the version: -DVERSION=0.1.0 (python packaging/project.py version)"
!endif
!ifndef VERSION_NUMERIC
  !error "Pass the version as four numbers: -DVERSION_NUMERIC=0.1.0.0"
!endif
!ifndef BUNDLE
  !define BUNDLE "..\..\dist\secor-desktop"
!endif
!ifndef OUTDIR
  !define OUTDIR "..\..\dist"
!endif

!define APP_NAME "SECOR Desktop"
!define APP_EXE "secor-desktop.exe"
!define PUBLISHER "secor-desktop developers"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\secor-desktop"
!define ICON "..\..\secor_desktop\resources\icons\secor-desktop.ico"
!define LICENSE_FILE "..\..\LICENSE"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUTDIR}\secor-desktop_${VERSION}_windows-x64-setup.exe"
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION_NUMERIC}"
VIAddVersionKey "ProductName" "${APP_NAME}"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "FileDescription" "${APP_NAME} installer"
VIAddVersionKey "CompanyName" "${PUBLISHER}"
VIAddVersionKey "LegalCopyright" "Free software under the GNU GPL, version 3 or later"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "This installs ${APP_NAME} ${VERSION} for you (no administrator \
  rights needed).$\r$\n$\r$\n${APP_NAME} keeps your safety-program records on this computer, \
  offline. It is free software under the GNU General Public License, version 3 or later.$\r$\n\
  $\r$\nClick Next to continue."
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "Start ${APP_NAME} now"
!define MUI_UNCONFIRMPAGE_TEXT_TOP "${APP_NAME} will be removed from this computer. Your \
  records are not removed: they stay in your data folder (%LOCALAPPDATA%\secor-desktop, \
  or the folder you chose), with their backups."

!insertmacro MUI_PAGE_WELCOME
!define MUI_LICENSEPAGE_TEXT_BOTTOM "${APP_NAME} is free software under the GNU General Public \
License, version 3 or later. You may use it without accepting anything; the licence applies \
when you share or change it."
!define MUI_LICENSEPAGE_BUTTON "&Next >"
!insertmacro MUI_PAGE_LICENSE "${LICENSE_FILE}"
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "English"

Section "${APP_NAME} (required)" SecProgram
  SectionIn RO
  SetOutPath "$INSTDIR"
  ; An upgrade replaces the program's libraries as a whole: no file of the old version stays.
  RMDir /r "$INSTDIR\_internal"
  File /r "${BUNDLE}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateShortCut "$SMPROGRAMS\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section "Desktop shortcut" SecDesktop
  CreateShortCut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
  !insertmacro MUI_DESCRIPTION_TEXT ${SecProgram} "The program, its Start menu entry and its \
    uninstaller."
  !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "A shortcut on your desktop."
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Section "Uninstall"
  Delete "$SMPROGRAMS\${APP_NAME}.lnk"
  Delete "$DESKTOP\${APP_NAME}.lnk"
  ; The program folder only; the data folder is elsewhere and is never touched.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\secor-desktop-cli.exe"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
SectionEnd
