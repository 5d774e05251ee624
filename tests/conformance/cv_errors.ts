// contextvars' errors: a Token used twice, made by another variable or in another Context; no value; bad names and keys.
import { Context, ContextVar, copy_context, Token } from "../../mod.ts";

function attempt(label: string, fn: () => unknown) {
  try {
    fn();
    console.log(label, "ok");
  } catch (e) {
    const error = e as Error;
    console.log(label, error.name, error.message.replace(/ at 0x[0-9a-f]+/g, ""));
  }
}

const v = new ContextVar<number>("v");
const w = new ContextVar<number>("w", { default: 3 });
const t = v.set(1);
v.reset(t);
attempt("reset twice", () => v.reset(t));
const tw = w.set(2);
// deno-lint-ignore no-explicit-any
attempt("other var", () => v.reset(tw as any));
const ctx = copy_context();
const tc = ctx.run(() => v.set(5));
attempt("other context", () => v.reset(tc));
attempt("reset in its context", () => ctx.run(() => v.reset(tc)));
attempt("get unset", () => v.get());
console.log("get default arg", v.get("d"), "var default", w.get());
// deno-lint-ignore no-explicit-any
attempt("name not str", () => new ContextVar(5 as any));
// deno-lint-ignore no-explicit-any
attempt("bad key", () => ctx.getitem(5 as any));
attempt("missing key", () => new Context().getitem(v));
attempt("enter twice", () => ctx.run(() => ctx.run(() => {})));
// deno-lint-ignore no-explicit-any
attempt("Context(arg)", () => new (Context as any)(1));
console.log(
  "MISSING",
  tc.old_value === Token.MISSING ? "True" : "False",
  tc.var === v ? "True" : "False",
);
console.log("repr", String(w).replace(/ at 0x[0-9a-f]+/g, ""));
