# lit configuration for the migpoint.so tests. Each test is an .ll or .c file
# whose RUN lines run opt or clang with the plugin and check the result with
# FileCheck; '%targets' tests run once per ISA through the substitutions below.
import os

import lit.formats

config.name = "migpoint"
config.test_format = lit.formats.ShTest(execute_external=True)
config.suffixes = [".ll", ".c"]
config.test_source_root = os.path.dirname(__file__)
config.excludes = ["Inputs"]

# FileCheck, opt, llc, not: LLVM 19's, never whatever else is on PATH.
config.environment["PATH"] = os.pathsep.join(
    [config.llvm_tools_dir, config.environment.get("PATH", os.environ.get("PATH", ""))])

config.substitutions.append(("%migpoint", config.migpoint_plugin))
config.substitutions.append(("%clang", config.clang))
config.substitutions.append(("%xmig-sites", config.xmig_sites))
config.substitutions.append(("%libc-include", config.libc_include))
config.substitutions.append(
    ("%opt-xmig", "opt -load-pass-plugin=%s" % config.migpoint_plugin))
