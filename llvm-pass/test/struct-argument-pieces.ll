; Pieces of a struct argument share one slot, each at its offset in the
; struct, what the optimizer takes out of them too (a trunc after an lshr by
; whole bytes). A piece that is not whole bytes (an i1) keeps a slot of its
; own: stored into the shared slot, it would overwrite its neighbours' bits.
; The site records the struct once, as struct argument 0 of 12 bytes:
; XMIG_TYPE_TAG(0x10, 1, 96) = 268501088.
; RUN: %opt-xmig -passes='xmig-tag-sites,xmig-instrument' -xmig-entry-points=false -S %s | FileCheck %s

target datalayout = "e-m:e-p270:32:32-p271:32:32-p272:64:64-i64:64-i128:128-f80:128-n8:16:32:64-S128"
target triple = "x86_64-unknown-linux-gnu"

declare void @work()
declare void @use_flag(i1 zeroext)
declare void @use_half(i32)

; CHECK-LABEL: define i64 @pieces(
; CHECK: %xmig.struct.slot = alloca [16 x i8], align 8
; CHECK: %flag.xmig.slot = alloca i1
; CHECK: store i64 %low, ptr %xmig.struct.slot
; CHECK: %[[HIGH:.*]] = getelementptr inbounds i8, ptr %xmig.struct.slot, i64 8
; CHECK: store i32 %high, ptr %[[HIGH]]
; CHECK: store i1 %flag, ptr %flag.xmig.slot
; CHECK: %[[HALF:.*]] = getelementptr inbounds i8, ptr %xmig.struct.slot, i64 4
; CHECK: store i32 %half, ptr %[[HALF]]
; CHECK: @work, {{.*}} "deopt"(i64 {{[0-9]+}}, i64 0, i64 268501088, ptr %xmig.struct.slot, i64 16842753, ptr %flag.xmig.slot) ]
define i64 @pieces(i64 %low, i32 %high) !xmig.argument.groups !0 {
  %flag = trunc i64 %low to i1
  %upper = lshr i64 %low, 32
  %half = trunc i64 %upper to i32
  call void @work()
  call void @use_flag(i1 %flag)
  call void @use_half(i32 %half)
  %sum = add i32 %half, %high
  %wide = zext i32 %sum to i64
  %result = add i64 %low, %wide
  ret i64 %result
}

; As the pipeline's start marks it: arguments 0 and 1 at offsets 0 and 8 of
; one 12-byte struct, kept in a 16-byte slot.
!0 = !{!"i64 (i64, i32)", !1, !3}
!1 = !{!2}
!2 = !{i64 12, i64 16, i64 8}
!3 = !{!4, !5}
!4 = !{i64 0, i64 0, i64 0}
!5 = !{i64 1, i64 0, i64 8}
