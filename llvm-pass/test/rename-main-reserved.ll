; A program that already defines __xmig_main cannot have its main renamed:
; the plugin reports it instead of producing a module with two definitions.
; RUN: not %opt-xmig -passes=xmig-rename-main -disable-output %s 2>&1 | FileCheck %s

; CHECK: error: {{.*}}'__xmig_main' is reserved for the renamed main
define i32 @main() {
  ret i32 0
}

define i32 @__xmig_main() {
  ret i32 1
}
