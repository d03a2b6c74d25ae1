; Every function and global gets its own section for the aligner: external
; names as they are, internal ones qualified by the module key (the source
; file's name and a hash of its path), the kind kept in the prefix.
; RUN: %opt-xmig -passes='xmig-statepoints,verify' -S %s | FileCheck %s
source_filename = "dir/unit-1.c"

; CHECK: @table = constant [2 x i32] [i32 1, i32 2], section ".rodata.xmig.table"
@table = constant [2 x i32] [i32 1, i32 2]
; CHECK: @counter = global i32 0, section ".bss.xmig.counter"
@counter = global i32 0
; CHECK: @state = global i32 7, section ".data.xmig.state"
@state = global i32 7
; CHECK: @hidden = internal global i64 3, section ".data.xmig.unit_1_c_[[KEY:[0-9a-f]+]].hidden"
@hidden = internal global i64 3
; unnamed_addr goes: it would make the section mergeable, and the linker
; would fold the string into its neighbours at an address of its choosing.
; CHECK: @.str = private constant [3 x i8] c"hi\00", section ".rodata.xmig.unit_1_c_[[KEY]]..str"
@.str = private unnamed_addr constant [3 x i8] c"hi\00"
; A section the program chose itself is kept.
; CHECK: @placed = global i32 1, section "mine"
@placed = global i32 1, section "mine"
; Thread-local variables do not migrate and get no xmig section.
; CHECK: @per_thread = thread_local global i32 0{{$}}
@per_thread = thread_local global i32 0

; CHECK: define void @visible() section ".text.xmig.visible"
define void @visible() {
  ret void
}

; CHECK: define internal void @local() section ".text.xmig.unit_1_c_[[KEY]].local"
define internal void @local() {
  ret void
}

; The module says it was instrumented; .comment carries it into the object.
; CHECK: !llvm.ident = !{![[IDENT:[0-9]+]]}
; CHECK: ![[IDENT]] = !{!"xmig migpoint.so 1"}
