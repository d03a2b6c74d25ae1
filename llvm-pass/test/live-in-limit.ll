; Sites with at most -xmig-live-in-limit values keep them in registers (the
; statepoint's flags operand is 2, "deopt live-in"); larger ones fall back to
; LLVM's default lowering (flags 0), which spills every value and never runs
; out of registers.
; RUN: %opt-xmig -passes='xmig-tag-sites,xmig-instrument,verify' -xmig-entry-points=false -xmig-live-in-limit=3 -S %s | FileCheck %s

declare void @callee()

define i64 @sites(i64 %a, i64 %b, i64 %c) {
; Live: %a, %b, %c. Three values: live-in.
; CHECK: @callee, i32 0, i32 2, i32 0, i32 0) {{.*}}[ "deopt"(i64 6364431797916270595,
  call void @callee()
  %ab = add i64 %a, %b
; Live: %a, %b, %c, %ab. Four values: spilled.
; CHECK: @callee, i32 0, i32 0, i32 0, i32 0) {{.*}}[ "deopt"(i64 6364431797916270596,
  call void @callee()
  %abc = add i64 %ab, %c
  %with_a = add i64 %abc, %a
  %result = add i64 %with_a, %b
  ret i64 %result
}
