# contextvars' errors: a Token used twice, made by another variable or in another Context; no value; bad names and keys.
import contextvars, re

def attempt(label, fn):
    try:
        fn()
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__, re.sub(r" at 0x[0-9a-f]+", "", str(e)))

v = contextvars.ContextVar("v")
w = contextvars.ContextVar("w", default=3)
t = v.set(1)
v.reset(t)
attempt("reset twice", lambda: v.reset(t))
tw = w.set(2)
attempt("other var", lambda: v.reset(tw))
ctx = contextvars.copy_context()
tc = ctx.run(v.set, 5)
attempt("other context", lambda: v.reset(tc))
attempt("reset in its context", lambda: ctx.run(v.reset, tc))
attempt("get unset", lambda: v.get())
print("get default arg", v.get("d"), "var default", w.get())
attempt("name not str", lambda: contextvars.ContextVar(5))
attempt("bad key", lambda: ctx[5])
attempt("missing key", lambda: contextvars.Context()[v])
attempt("enter twice", lambda: ctx.run(ctx.run, print))
attempt("Context(arg)", lambda: contextvars.Context(1))
print("MISSING", tc.old_value is contextvars.Token.MISSING, tc.var is v)
print("repr", re.sub(r" at 0x[0-9a-f]+", "", repr(w)))
