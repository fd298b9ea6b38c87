"""What a workspace needs to build brine, in one macro.

    local_repository(name = "brine", path = "...")   # or http_archive
    load("@brine//bazel:dependencies.bzl", "brine_dependencies")
    brine_dependencies()

declares `@brine_deps` (Debian's Abseil, GoogleTest and Google Benchmark
under /usr, linked by name) and, unless the workspace already has them, small
offline stand-ins for `rules_cc`, `rules_java` and `remote_coverage_tools`,
which Bazel 4.2.3's built-in WORKSPACE suffix would otherwise download.
"""

def _system_libraries_impl(ctx):
    ctx.symlink(ctx.attr.build_file, "BUILD.bazel")

# The Debian libraries under /usr as cc_library targets (@brine_deps//:absl_status, ...).
_system_libraries = repository_rule(
    implementation = _system_libraries_impl,
    attrs = {"build_file": attr.label(allow_single_file = True)},
    local = True,
)

def _stand_in_impl(ctx):
    brine_root = ctx.path(Label("//:BUILD.bazel")).dirname
    source = brine_root.get_child("third_party").get_child("bazel").get_child(ctx.attr.directory)
    for path in ctx.attr.files:
        target = source
        for part in path.split("/"):
            target = target.get_child(part)
        ctx.symlink(target, path)

# One of the offline stand-ins kept in brine's third_party/bazel/. Local: its
# symlinks point into brine's checkout, so they are made again at each server
# start rather than kept from one where brine was elsewhere.
_stand_in = repository_rule(
    implementation = _stand_in_impl,
    attrs = {
        "directory": attr.string(),
        "files": attr.string_list(),
    },
    local = True,
)

def brine_dependencies():
    """Declares the repositories brine's targets use; call it from WORKSPACE."""
    existing = native.existing_rules()
    if "rules_cc" not in existing:
        _stand_in(
            name = "rules_cc",
            directory = "rules_cc",
            files = ["WORKSPACE", "BUILD.bazel", "cc/BUILD.bazel", "cc/defs.bzl"],
        )
    if "rules_java" not in existing:
        _stand_in(
            name = "rules_java",
            directory = "rules_java",
            files = ["WORKSPACE", "BUILD.bazel", "java/BUILD.bazel", "java/defs.bzl"],
        )
    if "remote_coverage_tools" not in existing:
        _stand_in(
            name = "remote_coverage_tools",
            directory = "remote_coverage_tools",
            files = ["WORKSPACE", "BUILD.bazel", "unavailable.sh"],
        )
    if "brine_deps" not in existing:
        _system_libraries(
            name = "brine_deps",
            build_file = Label("//bazel:system_libraries.BUILD"),
        )
