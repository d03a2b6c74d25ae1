; Every defined function keeps a frame pointer, whatever it had before, so the
; runtime can walk the frames at capture, and a frame of fixed size, so the
; transformer can lay it out on the other ISA; declarations are untouched.
; RUN: %opt-xmig -passes=xmig-frame-pointers -S %s | FileCheck %s

; CHECK: define void @without_attribute() [[ALL:#[0-9]+]]
define void @without_attribute() {
  ret void
}

; CHECK: define void @leaf_only() [[ALL]]
define void @leaf_only() "frame-pointer"="non-leaf" {
  ret void
}

; CHECK: declare void @external(){{$}}
declare void @external()

; CHECK: attributes [[ALL]] = { "frame-pointer"="all" "no-realign-stack" }
