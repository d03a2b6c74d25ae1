; A translation unit that only calls main must call the program's main, which
; is __xmig_main after renaming, not the runtime's main (that would start the
; runtime a second time).
; RUN: %opt-xmig -passes=xmig-rename-main -S %s | FileCheck %s

; CHECK-NOT: @main(
; CHECK: declare i32 @__xmig_main()
declare i32 @main()

; CHECK: call i32 @__xmig_main()
define i32 @caller() {
  %r = call i32 @main()
  ret i32 %r
}
