; Resume paths (Resume.h): the check on entry comes before the data-stack
; prologue, a migration point's path continues right after the point without
; calling it, and re-entered calls get arguments their parameters allow.
; RUN: %opt-xmig -passes='xmig-tag-sites,xmig-instrument,verify' -S %s | FileCheck %s

%struct.pair = type { i64, i64 }

declare void @take_pair(ptr byval(%struct.pair))
declare void @take_big(ptr nonnull dereferenceable(8192))

; CHECK-LABEL: define void @caller(
define void @caller(ptr %p, ptr %big) {
entry:
; CHECK: entry:
; A parameter with 8192 dereferenceable bytes gets space of its own.
; CHECK: %xmig.resume.argument = alloca [8192 x i8]
; CHECK-NOT: @__xmig_data_stack_pointer
; CHECK: %xmig.resuming = load i32, ptr @__xmig_resuming
; CHECK-NEXT: [[RESUMING:%.*]] = icmp ne i32 %xmig.resuming, 0
; CHECK-NEXT: br i1 [[RESUMING]], label %xmig.resume, label %xmig.body, !prof
; CHECK: xmig.body:
; CHECK-NEXT: load ptr, ptr @__xmig_data_stack_pointer
  %local = alloca i64
  store i64 1, ptr %local
; A byval copy fits the runtime's area; 8192 dereferenceable bytes do not.
; CHECK: phi ptr [ {{%.*}}, {{%.*}} ], [ @__xmig_resume_argument, {{%.*}} ]
; CHECK-NEXT: @take_pair,
  call void @take_pair(ptr byval(%struct.pair) %p)
; CHECK: phi ptr [ {{%.*}}, {{%.*}} ], [ %xmig.resume.argument, {{%.*}} ]
; CHECK-NEXT: @take_big,
  call void @take_big(ptr %big)
  %v = load i64, ptr %local
  ret void
}
; The entry point's path fills its slots and goes to the code after the
; point, never calling __xmig_point again.
; CHECK: xmig.resume.site:
; CHECK-NOT: {{^ *(%.* = )?(notail )?call }}
; CHECK: br label %[[AFTER:.*]]
