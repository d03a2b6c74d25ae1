; The program's main becomes __xmig_main, keeping its signature and body, so
; that the runtime's main can run first.
; RUN: %opt-xmig -passes=xmig-rename-main -S %s | FileCheck %s

; CHECK-NOT: @main(
; CHECK: define i32 @__xmig_main(i32 %argc, ptr %argv)
; CHECK-NEXT: ret i32 %argc
define i32 @main(i32 %argc, ptr %argv) {
  ret i32 %argc
}

; Other functions keep their names.
; CHECK: define void @helper()
define void @helper() {
  ret void
}
