; Kite Classroom: NSIS additions for the per-machine installer (electron-builder includes this file).
; The classroom hub listens on TCP 5317 (src/core/hub/request.ts DEFAULT_HUB_PORT); pupil PCs join it there.
; The rule is for the Private profile only: a school network set to Public stays closed (the room tab's
; self-test and docs/<lang>/classroom.md tell the teacher and IT staff what to do).

!macro customInstall
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="Kite Classroom hub"'
  nsExec::ExecToLog 'netsh advfirewall firewall add rule name="Kite Classroom hub" dir=in action=allow protocol=TCP localport=5317 profile=private program="$INSTDIR\Kite Classroom.exe" enable=yes'
!macroend

!macro customUnInstall
  nsExec::ExecToLog 'netsh advfirewall firewall delete rule name="Kite Classroom hub"'
!macroend
