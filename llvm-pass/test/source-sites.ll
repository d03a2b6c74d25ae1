; The start of the pipeline (docs/plugin.md), on IR as clang emits it: the
; scalar locals are the source frame's state, the array whose address escapes
; goes to the data-stack frame, every site records the state variables live
; after it, and a resumed frame stores them back and re-enters its site.
;
; Constants: XMIG_SITE_HEADER(flags, count) is 0x58530200_00000000 plus
; flags << 32 plus count, so 6364432901722865665 is a migration point with one
; value, 6364432897427898370 a call with two, and 6364433172305805312 the
; resume paths' own record (flag 0x40). 16842784 is the type tag of an i32.
; RUN: %opt-xmig -passes='xmig-source-sites,verify' -S %s | FileCheck %s
source_filename = "sites.c"
target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare i32 @work(i32, ptr)

; CHECK-LABEL: define i32 @caller(
; CHECK:      entry:
; CHECK-NEXT:   %n.addr = alloca i32
; CHECK-NEXT:   %sum = alloca i32
; The escaping array is 16 bytes at offset 0 of a 16-byte frame; nothing
; moves the data-stack top after the prologue, so every site records the top
; read there.
; CHECK-NEXT:   %[[TOP:.*]] = call ptr @xmig.ds.top()
; CHECK-NEXT:   %[[FRAME:.*]] = call ptr @xmig.ds.enter(i64 16, i64 16)
; CHECK-NEXT:   %buffer = getelementptr inbounds i8, ptr %[[FRAME]], i64 0
; CHECK-NEXT:   %[[CALLTOP:.*]] = call ptr @xmig.ds.top()
; CHECK-NEXT:   %xmig.resuming = load i32, ptr @__xmig_resuming
; CHECK-NEXT:   %[[RESUMING:.*]] = icmp ne i32 %xmig.resuming, 0
; CHECK-NEXT:   br i1 %[[RESUMING]], label %xmig.resume, label %xmig.body
; The entry point comes after the prologue's store of the argument; only n
; is live after it (sum is written before it is read).
; CHECK:      xmig.body:
; CHECK-NEXT:   store i32 %n, ptr %n.addr
; CHECK-NEXT:   %xmig.pending = load volatile i32, ptr @__xmig_pending
; CHECK:        %[[N0:.*]] = load i32, ptr %n.addr
; CHECK-NEXT:   notail call void @__xmig_point() {{.*}}[ "deopt"(i64 6364432901722865665, i64 [[POINT:[0-9-]+]], i64 [[SIGNATURE:[0-9-]+]], ptr %[[CALLTOP]], i64 16842784, i32 %[[N0]]) ]
; The call has a block of its own, entered with the real argument or a
; resumed frame's dummy, and records n and sum in declaration order.
; CHECK:      .xmig.call:
; CHECK-NEXT:   %xmig.argument = phi i32 [ %{{.*}}, %{{.*}} ], [ 0, %xmig.resume.enter{{.*}} ]
; CHECK-NEXT:   %[[N1:.*]] = load i32, ptr %n.addr
; CHECK-NEXT:   %[[SUM:.*]] = load i32, ptr %sum
; CHECK-NEXT:   %call = notail call i32 @work(i32 %xmig.argument, ptr %buffer) [ "deopt"(i64 6364432897427898370, i64 [[CALL:[0-9-]+]], i64 [[SIGNATURE]], ptr %[[CALLTOP]], i64 16842784, i32 %[[N1]], i64 16842784, i32 %[[SUM]]) ]
; CHECK:        call void @xmig.ds.leave(ptr %[[FRAME]], ptr %[[TOP]])
; CHECK-NEXT:   ret i32
; The dispatch: one case per site, and a refusal that records the function.
; CHECK:      xmig.resume:
; CHECK-NEXT:   %xmig.frame.record = call ptr @__xmig_resume_frame()
; CHECK-NEXT:   %xmig.frame.site = load i64, ptr %xmig.frame.record
; CHECK-NEXT:   switch i64 %xmig.frame.site, label %xmig.resume.mismatch [
; CHECK-NEXT:     i64 [[POINT]], label %[[RESUME_POINT:.*]]
; CHECK-NEXT:     i64 [[CALL]], label %[[RESUME_CALL:.*]]
; CHECK:        call void @__xmig_resume_mismatch(i64 %xmig.frame.site) {{.*}}[ "deopt"(i64 6364433172305805312, i64 {{[0-9-]+}}, i64 [[SIGNATURE]], ptr %{{.*}}) ]
; Resuming the call: both values from the record (32 + 64 i), then the
; data-stack top (offset 24), then the call again.
; CHECK:      [[RESUME_CALL]]:
; CHECK-NEXT:   %[[V0:.*]] = getelementptr i8, ptr %xmig.frame.record, i64 32
; CHECK-NEXT:   %[[R0:.*]] = load i32, ptr %[[V0]]
; CHECK-NEXT:   store i32 %[[R0]], ptr %n.addr
; CHECK-NEXT:   %[[V1:.*]] = getelementptr i8, ptr %xmig.frame.record, i64 96
; CHECK-NEXT:   %[[R1:.*]] = load i32, ptr %[[V1]]
; CHECK-NEXT:   store i32 %[[R1]], ptr %sum
; CHECK-NEXT:   %[[T:.*]] = getelementptr i8, ptr %xmig.frame.record, i64 24
; CHECK-NEXT:   %[[RT:.*]] = load ptr, ptr %[[T]]
; CHECK-NEXT:   call void @xmig.ds.set_top(ptr %[[RT]])
; CHECK-NEXT:   br label %[[ENTER:.*]]
; CHECK:      [[ENTER]]:
; CHECK-NEXT:   br label %.xmig.call
define i32 @caller(i32 %n) {
entry:
  %n.addr = alloca i32
  %sum = alloca i32
  %buffer = alloca [4 x i32]
  store i32 %n, ptr %n.addr
  store i32 0, ptr %sum
  %0 = load i32, ptr %n.addr
  %call = call i32 @work(i32 %0, ptr %buffer)
  %1 = load i32, ptr %sum
  %add = add i32 %1, %call
  %2 = load i32, ptr %n.addr
  %add2 = add i32 %add, %2
  ret i32 %add2
}
