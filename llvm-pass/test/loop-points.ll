; Which loop headers get a migration point under each policy. @nest is a
; call-free nest (an outer loop around an inner one), @lone a call-free loop
; in no other loop, @around a loop around a call of an instrumented function.
; calls: only the loop around the call. bounded: also the nest's outer loop
; and the lone loop, so that every iteration of every loop reaches a point,
; but not the nest's inner loop, which stays free for the vectorizer.
; RUN: %opt-xmig -xmig-loop-points=calls -passes='xmig-source-sites,verify' -S %s -o - | FileCheck %s --check-prefixes=CHECK,CALLS
; RUN: %opt-xmig -xmig-loop-points=bounded -passes='xmig-source-sites,verify' -S %s -o - | FileCheck %s --check-prefixes=CHECK,BOUNDED
target datalayout = "e-m:e-i64:64-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

declare void @work(i32)

; A point in a loop's header follows the resume path's routing, in the
; block <header>.xmig.rest (after reloads of the loop's variables).
; CHECK-LABEL: define void @nest(
; CALLS-NOT:     @__xmig_pending
; BOUNDED:     outer.xmig.rest:
; BOUNDED-NOT:   {{^[a-z0-9._]+:}}
; BOUNDED:       load volatile i32, ptr @__xmig_pending
; BOUNDED:     inner:
; BOUNDED-NOT:   @__xmig_pending
; CHECK:       done:
define void @nest(ptr %a, i32 %n) {
entry:
  br label %outer
outer:
  %i = phi i32 [ 0, %entry ], [ %i.next, %outer.latch ]
  br label %inner
inner:
  %j = phi i32 [ 0, %outer ], [ %j.next, %inner ]
  %slot = getelementptr i32, ptr %a, i32 %j
  store i32 %i, ptr %slot
  %j.next = add i32 %j, 1
  %inner.more = icmp slt i32 %j.next, %n
  br i1 %inner.more, label %inner, label %outer.latch
outer.latch:
  %i.next = add i32 %i, 1
  %outer.more = icmp slt i32 %i.next, %n
  br i1 %outer.more, label %outer, label %done
done:
  ret void
}

; CHECK-LABEL: define void @lone(
; CHECK:       loop:
; CALLS-NOT:     @__xmig_pending
; BOUNDED:     loop.xmig.rest:
; BOUNDED-NOT:   {{^[a-z0-9._]+:}}
; BOUNDED:       load volatile i32, ptr @__xmig_pending
; CHECK:       done:
define void @lone(ptr %a, i32 %n) {
entry:
  call void @work(i32 0)
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  %slot = getelementptr i32, ptr %a, i32 %i
  store i32 %i, ptr %slot
  %i.next = add i32 %i, 1
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %done
done:
  ret void
}

; CHECK-LABEL: define void @around(
; CHECK:       loop.xmig.rest:
; CHECK-NOT:     {{^[a-z0-9._]+:}}
; CHECK:         load volatile i32, ptr @__xmig_pending
; CHECK:       done:
define void @around(i32 %n) {
entry:
  br label %loop
loop:
  %i = phi i32 [ 0, %entry ], [ %i.next, %loop ]
  call void @work(i32 %i)
  %i.next = add i32 %i, 1
  %more = icmp slt i32 %i.next, %n
  br i1 %more, label %loop, label %done
done:
  ret void
}
