; A migration point at every function entry, after the data-stack frame is set
; up: a volatile load of __xmig_pending and a branch weighted as unlikely to a
; call of __xmig_point, itself a site flagged XMIG_SITE_MIGRATION_POINT. Loop
; points on request; points off for annotated or listed functions.
; RUN: %opt-xmig -passes='xmig-tag-sites,xmig-instrument,verify' -S %s | FileCheck %s --check-prefixes=CHECK,ENTRY
; RUN: %opt-xmig -passes='xmig-tag-sites,xmig-instrument,verify' -xmig-loop-points=all -S %s | FileCheck %s --check-prefixes=CHECK,LOOPS
; RUN: %opt-xmig -passes='xmig-tag-sites,xmig-instrument,verify' -xmig-no-points=with_frame,counted_loop -S %s | FileCheck %s --check-prefix=LISTED

declare void @use(ptr)

; CHECK-LABEL: define void @with_frame(
; LISTED-LABEL: define void @with_frame(
; LISTED-NOT: __xmig_pending
define void @with_frame() {
entry:
; CHECK: store ptr {{%.*}}, ptr @__xmig_data_stack_pointer
; CHECK: %xmig.pending = load volatile i32, ptr @__xmig_pending
; CHECK-NEXT: [[REQUESTED:%.*]] = icmp ne i32 %xmig.pending, 0
; CHECK-NEXT: br i1 [[REQUESTED]], label %[[SLOW:.*]], label %{{.*}}, !prof [[UNLIKELY:![0-9]+]]
; CHECK: [[SLOW]]:
; The live values go to their slots first (SiteSlots.h).
; CHECK: store ptr
; CHECK: {{^[a-z.0-9]*}}:
; Header 0x5853010100000002: XMIG_SITE_MIGRATION_POINT, two live values.
; CHECK-NEXT: notail call token {{.*}}@__xmig_point, i32 0, i32 2, i32 0, i32 0) {{.*}}[ "deopt"(i64 6364431802211237890,
  %local = alloca i64
  call void @use(ptr %local)
  ret void
}

; CHECK-LABEL: define void @counted_loop(
define void @counted_loop(i64 %n) {
entry:
; CHECK: load volatile i32, ptr @__xmig_pending
  br label %loop
loop:
; ENTRY-NOT: load volatile i32, ptr @__xmig_pending
; LOOPS: load volatile i32, ptr @__xmig_pending
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, %n
  br i1 %done, label %exit, label %loop
exit:
  ret void
}

; XMIG_NO_POINTS in xmig.h is annotate("xmig-no-points").
; CHECK-LABEL: define void @annotated(
; CHECK-NOT: __xmig_pending
; CHECK: ret void
define void @annotated() {
  call void @use(ptr null)
  ret void
}

; CHECK: [[UNLIKELY]] = !{!"branch_weights", i32 1, i32 {{[0-9]+}}}

@.str = private unnamed_addr constant [15 x i8] c"xmig-no-points\00", section "llvm.metadata"
@.file = private unnamed_addr constant [2 x i8] c"t\00", section "llvm.metadata"
@llvm.global.annotations = appending global [1 x { ptr, ptr, ptr, i32, ptr }] [{ ptr, ptr, ptr, i32, ptr } { ptr @annotated, ptr @.str, ptr @.file, i32 1, ptr null }], section "llvm.metadata"
