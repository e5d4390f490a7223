// Nesting limits of the template language (issue 18): a filter or template nested thousands of levels deep is
// refused with E0419 at the level that crosses the limit, and never reaches the recursion that would exhaust the
// stack; long flat chains ("a or b or …") are no nesting at all.

#include <gtest/gtest.h>

#include "templating/template_set.hpp"

namespace vanban::templating {
namespace {

std::string repeat(std::string_view piece, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) out += piece;
  return out;
}

// Parses `text` as a whole expression, the way --where is parsed.
std::optional<Expr> parse(const std::string& text, Diagnostics& diagnostics) {
  const LineIndex index(make_file_name("--where"), text);
  return parse_expression(text, 0, text.size(), index, diagnostics);
}

std::optional<TemplateSet> parse_set(std::vector<TemplateSource> sources, Diagnostics& diagnostics) {
  return TemplateSet::parse(std::move(sources), diagnostics);
}

TEST(ExpressionDepth, ThousandsOfParenthesesAreRefusedWhereTheyCrossTheLimit) {
  Diagnostics diagnostics;
  const std::string text = repeat("(", 5000) + "a" + repeat(")", 5000);
  EXPECT_FALSE(parse(text, diagnostics));
  ASSERT_EQ(diagnostics.list().size(), 1U) << diagnostics.to_string();
  EXPECT_EQ(format_diagnostic(diagnostics.list().front()),
            "--where:1:" + std::to_string(kMaxExpressionDepth + 1) +
                ": lỗi: [E0419] biểu thức lồng nhau quá sâu (giới hạn 32 cấp)");
}

TEST(ExpressionDepth, NestingUpToTheLimitIsAccepted) {
  Diagnostics diagnostics;
  const std::string text = repeat("(", kMaxExpressionDepth) + "a" + repeat(")", kMaxExpressionDepth);
  EXPECT_TRUE(parse(text, diagnostics)) << diagnostics.to_string();
  const std::string one_more = "(" + text + ")";
  EXPECT_FALSE(parse(one_more, diagnostics));
  EXPECT_TRUE(diagnostics.contains("E0419"));
}

TEST(ExpressionDepth, NotsAndCallsCountAsNesting) {
  for (const std::string& text : {repeat("not ", 5000) + "a", repeat("has(", 5000) + "a" + repeat(")", 5000),
                                  repeat("count(a, ", 3000) + "a" + repeat(")", 3000)}) {
    Diagnostics diagnostics;
    EXPECT_FALSE(parse(text, diagnostics));
    EXPECT_TRUE(diagnostics.contains("E0419")) << text.substr(0, 20) << ": " << diagnostics.to_string();
  }
}

TEST(ExpressionDepth, LongChainsAreFlatAndEvaluateWithoutRecursion) {
  Diagnostics diagnostics;
  // 100,000 operands: one node each for "or" and "and", so neither the evaluator nor the destructor recurses.
  const auto ors = parse(repeat("false or ", 100000) + "true", diagnostics);
  const auto ands = parse(repeat("true and ", 100000) + "false", diagnostics);
  ASSERT_TRUE(ors && ands) << diagnostics.to_string();
  EXPECT_EQ(ors->operands.size(), 100001U);
  const Value root = Value::object({});
  const Scope scope(root);
  EXPECT_TRUE(evaluate(*ors, scope, diagnostics).truthy());
  EXPECT_FALSE(evaluate(*ands, scope, diagnostics).truthy());
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_string();
}

TEST(ExpressionDepth, ChainsStopAtTheFirstOperandThatDecides) {
  Diagnostics diagnostics;
  const auto expr = parse("true or nothing.here", diagnostics);
  const auto other = parse("false and nothing.here", diagnostics);
  ASSERT_TRUE(expr && other);
  const Value root = Value::object({});
  const Scope scope(root);
  EXPECT_TRUE(evaluate(*expr, scope, diagnostics).truthy());
  EXPECT_FALSE(evaluate(*other, scope, diagnostics).truthy());
  EXPECT_TRUE(diagnostics.empty()) << diagnostics.to_string();
  EXPECT_FALSE(evaluate(*parse("false or nothing", diagnostics), scope, diagnostics).truthy());
  EXPECT_TRUE(diagnostics.contains("E0402"));
}

TEST(TemplateDepth, ThousandsOfNestedIfsAreRefusedAtTheFirstBlockTooDeep) {
  Diagnostics diagnostics;
  std::string source = "{@document name=\"Quyết định\" code=\"QĐ\"}\n";
  source += repeat("{#if a}\n", 5000) + "x\n" + repeat("{/if}\n", 5000);
  std::vector<TemplateSource> sources;
  sources.push_back({"mau", make_file_name("templates/mau.vbt"), source});
  EXPECT_FALSE(parse_set(std::move(sources), diagnostics));
  ASSERT_EQ(diagnostics.list().size(), 1U) << diagnostics.list().front().message;
  EXPECT_EQ(format_diagnostic(diagnostics.list().front()),
            "templates/mau.vbt:" + std::to_string(kMaxBlockDepth + 2) +
                ":1: lỗi: [E0419] các khối lồng nhau quá sâu (giới hạn 32 cấp)");
}

TEST(TemplateDepth, BlocksUpToTheLimitAreAccepted) {
  Diagnostics diagnostics;
  std::string source = "{@document name=\"Quyết định\" code=\"QĐ\"}\n";
  source += repeat("{#if a}\n", kMaxBlockDepth) + "x\n" + repeat("{/if}\n", kMaxBlockDepth);
  std::vector<TemplateSource> sources;
  sources.push_back({"mau", make_file_name("templates/mau.vbt"), source});
  EXPECT_TRUE(parse_set(std::move(sources), diagnostics)) << diagnostics.to_string();
}

TEST(TemplateDepth, DeepParenthesesInATemplateAreRefusedInPlace) {
  Diagnostics diagnostics;
  std::string source = "{@document name=\"Quyết định\" code=\"QĐ\"}\n";
  source += "Ông {" + repeat("(", 3000) + "debtor.name" + repeat(")", 3000) + "}\n";
  std::vector<TemplateSource> sources;
  sources.push_back({"mau", make_file_name("templates/mau.vbt"), source});
  EXPECT_FALSE(parse_set(std::move(sources), diagnostics));
  ASSERT_FALSE(diagnostics.empty());
  EXPECT_EQ(format_diagnostic(diagnostics.list().front()),
            "templates/mau.vbt:2:" + std::to_string(5 + kMaxExpressionDepth + 1) +
                ": lỗi: [E0419] biểu thức lồng nhau quá sâu (giới hạn 32 cấp)");
}

TEST(TemplateDepth, ALongChainOfIncludesIsRefused) {
  const auto chain = [](std::size_t parts) {
    std::vector<TemplateSource> sources;
    sources.push_back({"mau", make_file_name("templates/mau.vbt"),
                       "{@document name=\"Quyết định\" code=\"QĐ\"}\n{@include \"parts/p0\"}\n"});
    for (std::size_t i = 0; i < parts; ++i) {
      const std::string name = "parts/p" + std::to_string(i);
      const std::string body =
          i + 1 < parts ? "{@include \"parts/p" + std::to_string(i + 1) + "\"}" : std::string("cuối");
      sources.push_back({name, make_file_name("templates/" + name + ".vbt"), body});
    }
    return sources;
  };
  Diagnostics accepted;
  EXPECT_TRUE(parse_set(chain(kMaxIncludeDepth), accepted)) << accepted.to_string();
  Diagnostics refused;
  EXPECT_FALSE(parse_set(chain(2000), refused));
  EXPECT_TRUE(refused.contains("E0419")) << refused.to_string();
}

}  // namespace
}  // namespace vanban::templating
