; A site inside two loops is resumed through each loop's header in turn, so
; both stay loops (one entry each) that the optimizer can still transform:
; the resume path enters the outer header, whose check of the resume target
; leads to the inner header, whose check leads to the call.
; RUN: %opt-xmig -xmig-loop-points=none -passes='xmig-source-sites,verify' -S %s -o %t.ll
; RUN: opt -passes='print<loops>' -disable-output %t.ll 2>&1 | FileCheck %s --check-prefix=LOOPS
; RUN: FileCheck %s < %t.ll
; LOOPS: Loop at depth 1 containing: %outer<header>,{{.*}}%inner.body.xmig.call
; LOOPS-NEXT: Loop at depth 2 containing: %inner<header>,{{.*}}%inner.body.xmig.call
; CHECK:      outer:
; CHECK-NEXT:   %[[TO:.*]] = load i32, ptr %xmig.resume.target
; CHECK-NEXT:   %[[ROUTING:.*]] = icmp ne i32 %[[TO]], 0
; CHECK-NEXT:   br i1 %[[ROUTING]], label %[[ROUTE:.*]], label %outer.xmig.rest
; CHECK:      inner:
; CHECK-NEXT:   %[[TO2:.*]] = load i32, ptr %xmig.resume.target
; CHECK:      [[ROUTE]]:
; CHECK-NEXT:   switch i32 %[[TO]], label %outer.xmig.rest [
; CHECK-NEXT:     i32 2, label %inner
; Entering the call forgets the resume target.
; CHECK:      xmig.resume.enter:
; CHECK-NEXT:   store i32 0, ptr %xmig.resume.target
; CHECK-NEXT:   br label %inner.body.xmig.call
; The site's own path sets the target and heads for the outer loop.
; CHECK:      xmig.resume.site{{[0-9]*}}:
; CHECK:        store i32 2, ptr %xmig.resume.target
; CHECK-NEXT:   br label %outer
target datalayout = "e-m:e-i64:64-n32:64-S128"
target triple = "aarch64-unknown-linux-gnu"

declare void @work(i32)

define void @nest(i32 %n) {
entry:
  %n.addr = alloca i32
  %i = alloca i32
  %j = alloca i32
  store i32 %n, ptr %n.addr
  store i32 0, ptr %i
  br label %outer

outer:
  %0 = load i32, ptr %i
  %1 = load i32, ptr %n.addr
  %more = icmp slt i32 %0, %1
  br i1 %more, label %outer.body, label %done

outer.body:
  store i32 0, ptr %j
  br label %inner

inner:
  %2 = load i32, ptr %j
  %inner.more = icmp slt i32 %2, 4
  br i1 %inner.more, label %inner.body, label %outer.next

inner.body:
  %3 = load i32, ptr %j
  call void @work(i32 %3)
  %4 = load i32, ptr %j
  %5 = add i32 %4, 1
  store i32 %5, ptr %j
  br label %inner

outer.next:
  %6 = load i32, ptr %i
  %7 = add i32 %6, 1
  store i32 %7, ptr %i
  br label %outer

done:
  ret void
}
