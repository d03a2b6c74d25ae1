; The values recorded at a site are exactly those live across it: through
; branches and loops, phis counted on their incoming edges, the call's own
; result excluded.
; RUN: %opt-xmig -passes='xmig-tag-sites,xmig-instrument,verify' -xmig-entry-points=false -S %s | FileCheck %s

declare i64 @step(i64)

; CHECK-LABEL: define i64 @loop(
define i64 @loop(i64 %n, i64 %unused_after_entry) {
entry:
  %start = add i64 %unused_after_entry, 1
  br label %body

body:
  %i = phi i64 [ %start, %entry ], [ %next, %body ]
  %sum = phi i64 [ 0, %entry ], [ %sum.next, %body ]
; Live across: %n (loop bound), %i and %sum (used after the call).
; Not %unused_after_entry, not %start (only reaches the phi from entry),
; not %r (the call's result).
; (Each crosses the call in its slot: SiteSlots.h.)
; CHECK: @llvm.experimental.gc.statepoint.p0({{.*}} @step, i32 1, i32 2, i64 %xmig.argument, i32 0, i32 0) {{.*}} [ "deopt"(i64 6364431797916270595, i64 0, i64 16842816, ptr %n.xmig.slot, i64 16842816, ptr %i.xmig.slot, i64 16842816, ptr %sum.xmig.slot) ]
  %r = call i64 @step(i64 %i)
  %sum.next = add i64 %sum, %r
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, %n
  br i1 %done, label %exit, label %body

exit:
  ret i64 %sum.next
}

; A value used on one branch only is live across a call before the branch.
; CHECK-LABEL: define i64 @branch(
define i64 @branch(i1 %which, i64 %left, i64 %right) {
entry:
; CHECK: @step, i32 1, i32 2, i64 0, i32 0, i32 0) {{.*}} [ "deopt"(i64 6364431797916270595, i64 0, i64 16842753, ptr %which.xmig.slot, i64 16842816, ptr %left.xmig.slot, i64 16842816, ptr %right.xmig.slot) ]
  %r = call i64 @step(i64 0)
  br i1 %which, label %a, label %b
a:
  %ra = add i64 %r, %left
  ret i64 %ra
b:
  %rb = add i64 %r, %right
  ret i64 %rb
}
