; Every alloca moves to a frame on the data stack: static ones at fixed
; offsets computed from IR types (the same on both ISAs), byval arguments
; copied in at entry, variable-sized ones taken from the top of the data
; stack where they run, stacksave/stackrestore becoming loads and stores of
; the data-stack pointer, and every return restoring the caller's pointer.
; RUN: %opt-xmig -passes='xmig-tag-sites,xmig-instrument,verify' -xmig-entry-points=false -S %s | FileCheck %s

%struct.big = type { [10 x i64] }

declare void @use(ptr)

; CHECK-LABEL: define void @static_frame(ptr byval(%struct.big) align 8 %arg)
define void @static_frame(ptr byval(%struct.big) align 8 %arg) {
entry:
; CHECK: %xmig.ds.caller = load ptr, ptr @__xmig_data_stack_pointer
; Frame: i32 at 0; [3 x double] at 16 and the byval copy (80 bytes) at 48,
; because slots of 16 bytes or more are 16-aligned on every ISA; 128 in all.
; CHECK-NEXT: [[TOP:%.*]] = getelementptr i8, ptr %xmig.ds.caller, i64 128
; CHECK-NEXT: store ptr [[TOP]], ptr @__xmig_data_stack_pointer
; CHECK-NEXT: %counter = getelementptr i8, ptr %xmig.ds.caller, i64 0
; CHECK-NEXT: %values = getelementptr i8, ptr %xmig.ds.caller, i64 16
; CHECK-NEXT: %arg.xmig.ds = getelementptr i8, ptr %xmig.ds.caller, i64 48
; CHECK-NEXT: call void @llvm.memcpy.p0.p0.i64(ptr align 16 %arg.xmig.ds, ptr align 16 %arg, i64 80, i1 false)
; CHECK-NOT: alloca
  %counter = alloca i32, align 4
  %values = alloca [3 x double], align 8
; A site's arguments come from the normal path or, when a migrated frame is
; re-entered, from the resume path (Resume.h).
; CHECK: %xmig.argument = phi ptr [ %counter, %xmig.body ], [ @__xmig_resume_argument, %xmig.resume.site ]
; CHECK-NEXT: @use, i32 1, i32 2, ptr %xmig.argument,
  call void @use(ptr %counter)
  call void @use(ptr %values)
; CHECK: phi ptr [ %arg.xmig.ds.xmig.reload{{[0-9]*}}, {{.*}} ], [ @__xmig_resume_argument,
  call void @use(ptr %arg)
; The caller's pointer, as reloaded from its slot after the last call.
; CHECK: store ptr %xmig.ds.caller.xmig.reload{{[0-9]*}}, ptr @__xmig_data_stack_pointer
; CHECK-NEXT: ret void
  ret void
}

; An over-aligned alloca aligns the frame base dynamically.
; CHECK-LABEL: define void @over_aligned(
define void @over_aligned() {
entry:
; CHECK: %xmig.ds.caller = load ptr, ptr @__xmig_data_stack_pointer
; CHECK-NEXT: [[PAST:%.*]] = getelementptr i8, ptr %xmig.ds.caller, i64 63
; CHECK-NEXT: [[BASE:%.*]] = call ptr @llvm.ptrmask.p0.i64(ptr [[PAST]], i64 -64)
; CHECK-NEXT: [[TOP:%.*]] = getelementptr i8, ptr [[BASE]], i64 64
; CHECK-NEXT: store ptr [[TOP]], ptr @__xmig_data_stack_pointer
  %line = alloca [64 x i8], align 64
  call void @use(ptr %line)
; The caller's pointer, not the aligned base, is restored.
; CHECK: store ptr %xmig.ds.caller.xmig.reload, ptr @__xmig_data_stack_pointer
  ret void
}

; CHECK-LABEL: define void @variable_sized(i64 %n)
define void @variable_sized(i64 %n) {
entry:
  br label %loop
loop:
  %i = phi i64 [ 0, %entry ], [ %next, %loop ]
; CHECK: %xmig.ds.saved = load ptr, ptr @__xmig_data_stack_pointer
  %saved = call ptr @llvm.stacksave.p0()
; The data stack's own alignment suffices: the VLA starts at the top.
; CHECK: %vla = load ptr, ptr @__xmig_data_stack_pointer
; CHECK-NEXT: [[BYTES:%.*]] = mul i64 {{%n[0-9]*}}, 4
; CHECK-NEXT: [[ROUNDED:%.*]] = add i64 [[BYTES]], 15
; CHECK-NEXT: [[SIZE:%.*]] = and i64 [[ROUNDED]], -16
; CHECK-NEXT: [[NEWTOP:%.*]] = getelementptr i8, ptr %vla, i64 [[SIZE]]
; CHECK-NEXT: store ptr [[NEWTOP]], ptr @__xmig_data_stack_pointer
  %vla = alloca i32, i64 %n, align 4
; CHECK: phi ptr [ %vla, %loop ], [ @__xmig_resume_argument,
  call void @use(ptr %vla)
; CHECK: store ptr %xmig.ds.saved.xmig.reload, ptr @__xmig_data_stack_pointer
  call void @llvm.stackrestore.p0(ptr %saved)
  %next = add i64 %i, 1
  %done = icmp eq i64 %next, 10
  br i1 %done, label %exit, label %loop
exit:
; CHECK: store ptr %xmig.ds.caller.xmig.reload, ptr @__xmig_data_stack_pointer
; CHECK-NEXT: ret void
  ret void
}

; A function without allocas touches no data-stack state.
; CHECK-LABEL: define i64 @no_frame(
; CHECK-NOT: __xmig_data_stack_pointer
; CHECK: ret i64
define i64 @no_frame(i64 %x) {
  %y = add i64 %x, 1
  ret i64 %y
}

declare ptr @llvm.stacksave.p0()
declare void @llvm.stackrestore.p0(ptr)

; The same array gets the same slot whichever alignment the front end chose
; (x86_64 asks 16 for arrays of 16 bytes or more, aarch64 their natural one).
; RUN: sed 's/ALIGN/16/' %S/Inputs/array-frame.ll | %opt-xmig -passes='xmig-instrument' -xmig-entry-points=false -S | FileCheck %S/Inputs/array-frame.ll
; RUN: sed 's/ALIGN/1/' %S/Inputs/array-frame.ll | %opt-xmig -passes='xmig-instrument' -xmig-entry-points=false -S | FileCheck %S/Inputs/array-frame.ll
