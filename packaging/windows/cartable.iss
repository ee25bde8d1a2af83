; Inno Setup 6 script: Cartable's Windows installer, from the one-folder bundle that
; packaging/build.py makes. On Windows (see packaging/README.md):
;
;   py packaging\build.py [--branding FILE]
;   iscc /DAppVersion=0.1.0 /DProductName="Cartable" packaging\windows\cartable.iss
;
; build.py runs iscc itself when it is on PATH, with the version and the branding's product name.
; An institution's installer should get its own /DAppId (a GUID): installers sharing an AppId
; replace each other.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef ProductName
  #define ProductName "Cartable"
#endif
#ifndef AppId
  #define AppId "{{4E3C1E0B-6C57-4C52-9B3B-6B0E4C8A2F11}"
#endif
#ifndef DistDir
  #define DistDir "..\..\dist"
#endif
#ifndef IconFile
  #define IconFile "..\..\build\icons\cartable.ico"
#endif
#define AppExe "cartable.exe"

[Setup]
AppId={#AppId}
AppName={#ProductName}
AppVersion={#AppVersion}
AppPublisher=Cartable
DefaultDirName={autopf}\{#ProductName}
DefaultGroupName={#ProductName}
DisableProgramGroupPage=yes
; Learners rarely have admin rights on shared laptops: install for the user unless asked.
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#DistDir}
OutputBaseFilename=cartable-{#AppVersion}-windows-x64-setup
SetupIconFile={#IconFile}
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; cartable.exe (no console), cartable-cli.exe (the same program with a console, for
; `cartable-cli --self-test` and the headless commands) and _internal\.
Source: "{#DistDir}\cartable\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#ProductName}"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\{#ProductName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#StringChange(ProductName, '&', '&&')}}"; Flags: nowait postinstall skipifsilent
