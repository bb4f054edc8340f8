// The template syntax of site generators in a page's body (internal to
// src/markdown): Svelte/SvelteKit (mdsvex) first, which the PauseAI site uses;
// MDX/Astro-style pages share the same rules. Read before cmark-gfm sees the page:
//
//   {#if c} ... {:else} ... {/if}     the tags go, the Markdown of every branch
//   {#each ...} {#key ...} {#snippet}   stays; one warning says which branches were
//   {#await p} ... {:then v} ...        kept ({#await}: the {:then} branch only; the
//                                       waiting text and {:catch} are left out)
//   {@html 'literal'}                   its HTML; {@html expr} and {@render} are left
//                                       out with a warning; {@const}, {@debug} go silently
//   {/* MDX comment */}                 gone
//   import x from '...' / export ...    (MDX/Astro lines at the top level) gone
//   <Component prop={[{title, content}]} />   a component whose props carry content
//                                       becomes that content: each title a heading one
//                                       level below the section, each content string
//                                       Markdown (its headings moved below the title),
//                                       string lists a list; with no content but an
//                                       address (href, src, url) it becomes a link line;
//                                       with neither it is left to the HTML builder,
//                                       which drops it with one warning
//   <svelte:head> ...                   gone; other <svelte:...> elements as components
//
// Code (fenced blocks, `spans`), HTML comments, <script> and <style> are copied as
// they are. Expressions in running text ({name}) are left to template_text(),
// which sees the model's text and so never touches link targets or code.
// Bounds: one pass over the body; a tag or expression longer than kMaxTagBytes is
// not read as one (its text stays, and later gives a template-leftover warning).
#pragma once

#include "context.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace booklet::markdown {

inline constexpr std::size_t kMaxTagBytes = 256 * 1024;

struct TemplateBody {
    std::string body;                  // the Markdown cmark-gfm reads
    std::vector<int> source_line;      // per line of `body`: its line in the page's body (1-based)
    bool is_template = false;          // the page uses template syntax (a script, block tags,
                                       // component props, MDX imports)
};

// Reads the template syntax of `body`; warnings go through `ctx` (whose positions
// are still those of `body`).
TemplateBody read_template_syntax(std::string_view body, PageContext& ctx);

// Expressions left in a chapter's text: in a template page every {expression} is
// left out ({'literal'} keeps its text) with a warning naming file:line; in any
// page a bare {name} or {a.b} placeholder is. Then anything that still looks like
// template code ({#, {/, {:, {@, ={[, ${) is warned about as template-leftover,
// and template tags are taken out of the text.
void template_text(model::Chapter& chapter, bool is_template, PageContext& ctx);

}  // namespace booklet::markdown
