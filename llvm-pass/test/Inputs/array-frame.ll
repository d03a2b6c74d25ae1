; Input of data-stack.ll: a small scalar then a 40-byte array, ALIGN replaced.
declare void @use(ptr)

; CHECK: %flag = getelementptr i8, ptr %xmig.ds.caller, i64 0
; CHECK: %buffer = getelementptr i8, ptr %xmig.ds.caller, i64 16
define void @buffer_frame() {
  %flag = alloca i8, align 1
  %buffer = alloca [40 x i8], align ALIGN
  call void @use(ptr %flag)
  call void @use(ptr %buffer)
  ret void
}
