// Class definitions and method lookup, checked against the same classes
// defined in python3: MROs, which class defines each method, and errors.
#include "brine/registry/class_registry.h"

#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "gtest/gtest.h"
#include "brine/registry/registry.h"
#include "brine/tests/python_runner.h"

namespace brine {
namespace {

// Methods return their owner's name, so a call shows where lookup landed.
Method Returns(std::string owner) {
  return [owner](Heap& heap, Value, std::span<const Value>) -> absl::StatusOr<Value> {
    return heap.NewStr(owner);
  };
}

// Base defines process and describe; Mixin defines describe and extra;
// Worker(Base, Mixin) overrides nothing; Special(Worker) overrides process.
constexpr char kPythonClasses[] = R"(
class Base:
    def process(self): pass
    def describe(self): pass
class Mixin:
    def describe(self): pass
    def extra(self): pass
class Worker(Base, Mixin): pass
class Special(Worker):
    def process(self): pass
)";

ClassRegistry MakeClasses() {
  ClassRegistry classes;
  EXPECT_TRUE(classes
                  .Define({.module = "tasks",
                           .qualname = "Base",
                           .methods = {{"process", Returns("Base")}, {"describe", Returns("Base")}}})
                  .ok());
  EXPECT_TRUE(classes
                  .Define({.module = "tasks",
                           .qualname = "Mixin",
                           .methods = {{"describe", Returns("Mixin")}, {"extra", Returns("Mixin")}}})
                  .ok());
  EXPECT_TRUE(classes
                  .Define({.module = "tasks",
                           .qualname = "Worker",
                           .bases = {{"tasks", "Base"}, {"tasks", "Mixin"}}})
                  .ok());
  EXPECT_TRUE(classes
                  .Define({.module = "tasks",
                           .qualname = "Special",
                           .bases = {{"tasks", "Worker"}},
                           .methods = {{"process", Returns("Special")}}})
                  .ok());
  return classes;
}

TEST(ClassRegistryTest, MroAndMethodOwnersMatchPython) {
  absl::StatusOr<ProcessResult> python = RunPython(absl::StrCat(kPythonClasses, R"(
for cls in (Base, Mixin, Worker, Special):
    print(cls.__name__, 'mro', *[c.__name__ for c in cls.__mro__])
    for name in ('process', 'describe', 'extra'):
        owner = next((c.__name__ for c in cls.__mro__ if name in c.__dict__), '-')
        print(cls.__name__, name, owner)
)"));
  ASSERT_TRUE(python.ok()) << python.status();
  ASSERT_EQ(python->exit_code, 0) << python->stderr_text;

  ClassRegistry classes = MakeClasses();
  const Registry registry;  // what a MethodCall carries; these bodies do not use it
  std::string actual;
  for (const char* name : {"Base", "Mixin", "Worker", "Special"}) {
    const ClassDef* cls = classes.Find("tasks", name);
    ASSERT_NE(cls, nullptr);
    std::vector<std::string> mro;
    for (const ClassDef* ancestor : cls->mro()) mro.emplace_back(ancestor->name());
    absl::StrAppend(&actual, name, " mro ", absl::StrJoin(mro, " "), "\n");
    for (const char* method : {"process", "describe", "extra"}) {
      absl::StatusOr<ClassRegistry::FoundMethod> found = classes.FindMethod(*cls, method);
      std::string owner = found.ok() ? found->owner->name() : "-";
      if (found.ok()) {  // the method body agrees with the owner found
        Heap heap;
        absl::StatusOr<Value> result =
            (*found->method)(MethodCall{registry, heap, Value(), *found->owner, method}, {});
        ASSERT_TRUE(result.ok());
        EXPECT_EQ(result->as<Str>()->utf8, owner);
      }
      absl::StrAppend(&actual, name, " ", method, " ", owner, "\n");
    }
  }
  EXPECT_EQ(actual, python->stdout_text);
}

// The __dict__ keys CPython's compiler gives methods defined in class bodies.
TEST(ClassRegistryTest, PrivateNamesAreMangledAsPythonDoes) {
  const std::vector<std::string> classes = {"Worker", "_Worker", "__W_", "_", "___"};
  const std::vector<std::string> names = {"__secret", "__dunder__", "__", "___",  "__x_",
                                          "__x___",   "_single",    "plain", "_"};
  absl::StatusOr<std::string> python = RunPythonStdout(R"(
import sys, types
for cls_name in sys.argv[1].split(','):
    for name in sys.argv[2].split(','):
        namespace = {}
        exec('class %s:\n    def %s(self): pass\n' % (cls_name, name), namespace)
        cls = namespace[cls_name]
        print(cls_name, name,
              *[k for k, v in vars(cls).items() if isinstance(v, types.FunctionType)])
)",
      {absl::StrJoin(classes, ","), absl::StrJoin(names, ",")});
  ASSERT_TRUE(python.ok()) << python.status();
  std::string actual;
  for (const std::string& cls_name : classes) {
    for (const std::string& name : names) {
      absl::StrAppend(&actual, cls_name, " ", name, " ", MangledName(cls_name, name), "\n");
      ClassRegistry defined;
      absl::StatusOr<const ClassDef*> cls =
          defined.Define({.module = "m", .qualname = cls_name, .methods = {{name, Returns(name)}}});
      ASSERT_TRUE(cls.ok()) << cls.status();
      EXPECT_NE((*cls)->OwnMethod(MangledName(cls_name, name)), nullptr) << cls_name << " " << name;
    }
  }
  EXPECT_EQ(actual, *python);
  EXPECT_EQ(MangledName("Worker", "__a.b"), "__a.b");  // _Py_Mangle leaves dotted names alone
}

TEST(ClassRegistryTest, MissingMethodNamesClassAndMro) {
  ClassRegistry classes = MakeClasses();
  absl::StatusOr<ClassRegistry::FoundMethod> found =
      classes.FindMethod(*classes.Find("tasks", "Worker"), "nope");
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.status().message(),
            "'Worker' object has no attribute 'nope' (searched the MRO of tasks.Worker: "
            "tasks.Worker, tasks.Base, tasks.Mixin, builtins.object)");
}

TEST(ClassRegistryTest, InconsistentHierarchyHasPythonsMessage) {
  absl::StatusOr<ProcessResult> python = RunPython(R"(
class A: pass
class B: pass
class C(A, B): pass
class D(B, A): pass
try:
    class E(C, D): pass
except TypeError as e:
    print(e, end='')
)");
  ASSERT_TRUE(python.ok()) << python.status();
  ClassRegistry classes;
  for (const char* name : {"A", "B"}) ASSERT_TRUE(classes.Define({"m", name}).ok());
  ASSERT_TRUE(classes.Define({.module = "m", .qualname = "C", .bases = {{"m", "A"}, {"m", "B"}}}).ok());
  ASSERT_TRUE(classes.Define({.module = "m", .qualname = "D", .bases = {{"m", "B"}, {"m", "A"}}}).ok());
  absl::StatusOr<const ClassDef*> e =
      classes.Define({.module = "m", .qualname = "E", .bases = {{"m", "C"}, {"m", "D"}}});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().message(), python->stdout_text);
  EXPECT_EQ(classes.Find("m", "E"), nullptr);
}

TEST(ClassRegistryTest, DefinitionErrors) {
  ClassRegistry classes;
  ASSERT_TRUE(classes.Define({"m", "A"}).ok());
  EXPECT_EQ(classes.Define({"m", "A"}).status().message(), "class m.A is already defined");
  EXPECT_EQ(classes.Define({.module = "m", .qualname = "B", .bases = {{"m", "Nope"}}})
                .status()
                .message(),
            "base class m.Nope of m.B is not defined");
}

TEST(ClassRegistryTest, SetStateIsInheritedAndNameIsLastComponent) {
  ClassRegistry classes;
  ASSERT_TRUE(classes
                  .Define({.module = "m",
                           .qualname = "Outer.Base",
                           .setstate = [](Heap&, Value, Value) { return absl::OkStatus(); }})
                  .ok());
  absl::StatusOr<const ClassDef*> derived =
      classes.Define({.module = "m", .qualname = "Outer.Derived", .bases = {{"m", "Outer.Base"}}});
  ASSERT_TRUE(derived.ok());
  EXPECT_EQ((*derived)->name(), "Derived");
  // Names are std::strings the ClassDef owns: Abseil (whose string_view is
  // not std::string_view in Debian's build) and streams take them as they are.
  EXPECT_EQ(absl::StrCat((*derived)->module(), ":", (*derived)->name()), "m:Derived");
  std::ostringstream printed;
  printed << (*derived)->qualname() << " " << (*derived)->name();
  EXPECT_EQ(printed.str(), "Outer.Derived Derived");
  EXPECT_EQ((*derived)->OwnSetState(), nullptr);
  EXPECT_EQ(classes.FindSetState(**derived), classes.Find("m", "Outer.Base")->OwnSetState());
  EXPECT_EQ(classes.FindSetState(*classes.Find("builtins", "object")), nullptr);
}

}  // namespace
}  // namespace brine
