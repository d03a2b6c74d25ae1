; Which calls become sites, and what their deopt bundle holds: calls to
; program functions and indirect calls are sites; library functions and
; intrinsics stay plain calls. Each site's bundle starts with the header
; (magic "XS", version 1, flags, value count) and the frame signature, then
; lists the values live across the call, each after its type tag, arguments
; first and then instructions in definition order. A value crosses the call
; in a slot of its own: stored before it, reloaded (volatile) after it, and
; the bundle lists the slot, whose address the stack map records.
; RUN: %opt-xmig -passes='xmig-tag-sites,xmig-instrument,verify' -xmig-entry-points=false -S %s | FileCheck %s

declare void @program_function(i64)
declare double @sqrt(double)
declare void @llvm.memset.p0.i64(ptr, i8, i64, i1)

; CHECK-LABEL: define double @caller(
; CHECK-SAME: gc "statepoint-example"
define double @caller(i64 %a, double %d, ptr %out, ptr %callback) {
entry:
  %x = add i64 %a, 7
; CHECK: %s = call double @sqrt(double %d) [[LEAF:#[0-9]+]]
  %s = call double @sqrt(double %d)
; CHECK: call void @llvm.memset
  call void @llvm.memset.p0.i64(ptr %out, i8 0, i64 8, i1 false)

; Live across: %out, %callback (arguments), then %x and %s. %a and %d are not.
; 0x5853010000000004 = 6364431797916270596: no flags, 4 values; no frame: 0.
; Tags: 0x03010040 pointer, 0x01010040 i64, 0x02010040 double.
; CHECK: store ptr %out, ptr %out.xmig.slot
; CHECK-NEXT: store ptr %callback, ptr %callback.xmig.slot
; CHECK-NEXT: store i64 %x, ptr %x.xmig.slot
; CHECK-NEXT: store double %s, ptr %s.xmig.slot
; The call has a block of its own, which a re-entered frame also reaches.
; CHECK-NEXT: br label %[[CALL1:.*]]
; CHECK: [[CALL1]]:
; CHECK-NEXT: %xmig.argument = phi i64 [ %x, %xmig.body ], [ 0, %[[RESUME1:xmig.resume.site[0-9]*]] ]
; CHECK-NEXT: notail call token {{.*}} @llvm.experimental.gc.statepoint.p0(i64 [[ID1:-?[0-9]+]], i32 0, ptr elementtype(void (i64)) @program_function, i32 1, i32 2, i64 %xmig.argument, i32 0, i32 0) [[SITE:#[0-9]+]] [ "deopt"(i64 6364431797916270596, i64 0, i64 50397248, ptr %out.xmig.slot, i64 50397248, ptr %callback.xmig.slot, i64 16842816, ptr %x.xmig.slot, i64 33620032, ptr %s.xmig.slot) ]
; CHECK: %out.xmig.reload = load volatile ptr, ptr %out.xmig.slot
; CHECK-NEXT: %callback.xmig.reload = load volatile ptr, ptr %callback.xmig.slot
; CHECK-NEXT: %x.xmig.reload = load volatile i64, ptr %x.xmig.slot
; CHECK-NEXT: %s.xmig.reload = load volatile double, ptr %s.xmig.slot
  call void @program_function(i64 %x)

; An indirect call is a site; %callback is the callee, not live afterwards.
; The slots still hold what was just reloaded from them: no stores again.
; CHECK-NOT: store
; CHECK: %xmig.argument5 = phi ptr [ %out.xmig.reload, {{.*}} ], [ @__xmig_resume_argument, %[[RESUME2:xmig.resume.site[0-9]*]] ]
; CHECK-NEXT: %xmig.callee = phi ptr [ %callback.xmig.reload, {{.*}} ], [ %xmig.frame.callee, %[[RESUME2]] ]
; CHECK-NEXT: notail call token {{.*}} @llvm.experimental.gc.statepoint.p0(i64 [[ID2:-?[0-9]+]], i32 0, ptr elementtype(void (ptr)) %xmig.callee, i32 1, i32 2, ptr %xmig.argument5, i32 0, i32 0) [[SITE]] [ "deopt"(i64 6364431797916270595, i64 0, i64 50397248, ptr %out.xmig.slot, i64 16842816, ptr %x.xmig.slot, i64 33620032, ptr %s.xmig.slot) ]
; After it, every use reads the value back from its slot.
; CHECK: %out.xmig.reload1 = load volatile ptr, ptr %out.xmig.slot
; CHECK-NEXT: %x.xmig.reload2 = load volatile i64, ptr %x.xmig.slot
; CHECK-NEXT: %s.xmig.reload3 = load volatile double, ptr %s.xmig.slot
; CHECK-NEXT: %y = mul i64 %x.xmig.reload2, 3
; CHECK-NEXT: store i64 %y, ptr %out.xmig.reload1
; CHECK-NEXT: %r = fadd double %s.xmig.reload3, 1.0

; A re-entered frame takes its record, picks the path of its site, fills the
; slots from the record (values 64 bytes apart from offset 32) and runs the
; call again; an indirect call's callee comes from offset 8.
; CHECK: xmig.resume:
; CHECK-NEXT: %xmig.frame = call ptr @__xmig_resume_frame() [[LEAF]]
; CHECK-NEXT: %xmig.frame.site = load i64, ptr %xmig.frame
; CHECK-NEXT: switch i64 %xmig.frame.site, label %xmig.resume.mismatch [
; CHECK-NEXT: i64 [[ID1]], label %[[RESUME1]]
; CHECK-NEXT: i64 [[ID2]], label %[[RESUME2]]
; CHECK: call void @__xmig_resume_mismatch(i64 %xmig.frame.site)
; CHECK-NEXT: unreachable
; CHECK: [[RESUME1]]:
; CHECK-NEXT: getelementptr i8, ptr %xmig.frame, i64 32
; CHECK: store ptr {{%.*}}, ptr %out.xmig.slot
; CHECK: getelementptr i8, ptr %xmig.frame, i64 96
; CHECK: store ptr {{%.*}}, ptr %callback.xmig.slot
; CHECK: getelementptr i8, ptr %xmig.frame, i64 160
; CHECK: store i64 {{%.*}}, ptr %x.xmig.slot
; CHECK: getelementptr i8, ptr %xmig.frame, i64 224
; CHECK: store double {{%.*}}, ptr %s.xmig.slot
; CHECK-NEXT: br label %[[CALL1]]
; CHECK: [[RESUME2]]:
; CHECK: getelementptr i8, ptr %xmig.frame, i64 8
; CHECK-NEXT: %xmig.frame.callee = load ptr
  call void %callback(ptr %out)

  %y = mul i64 %x, 3
  store i64 %y, ptr %out
  %r = fadd double %s, 1.0
  ret double %r
}

; Two sites, two different IDs.
; CHECK-NOT: i64 [[ID1]], i32 0, ptr elementtype(void (ptr))

; CHECK-DAG: attributes [[LEAF]] = { "gc-leaf-function" }
; CHECK-DAG: attributes [[SITE]] = { "deopt-lowering"="live-in" }
