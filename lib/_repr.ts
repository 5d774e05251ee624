/**
 * Python-like `repr` of values, for handle descriptions and error messages.
 *
 * @module
 */

/** Describes `value` briefly, in the style of Python's `reprlib.repr`. */
export function repr(value: unknown, depth = 0): string {
  switch (typeof value) {
    case "string": {
      const text = value.length > 30 ? value.slice(0, 13) + "..." + value.slice(-14) : value;
      return `'${text}'`;
    }
    case "function":
      return value.name === "" ? "<function>" : `<function ${value.name}>`;
    case "undefined":
      return "undefined";
    case "bigint":
      return `${value}n`;
    case "symbol":
      return value.toString();
    case "object":
      if (value === null) return "null";
      if (value instanceof Error) return `${value.name}(${repr(value.message)})`;
      if (Array.isArray(value)) {
        if (depth > 2) return "[...]";
        return `[${value.slice(0, 6).map((item) => repr(item, depth + 1)).join(", ")}]`;
      }
      if (Object.hasOwn(value, "toString") || hasOwnToString(value)) return String(value);
      if (Object.getPrototypeOf(value) === Object.prototype) {
        if (depth > 2) return "{...}";
        const entries = Object.entries(value).map(([key, item]) =>
          `'${key}': ${repr(item, depth + 1)}`
        );
        return `{${entries.join(", ")}}`;
      }
      return `<${value.constructor?.name ?? "Object"}>`;
    default:
      return String(value);
  }
}

function hasOwnToString(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto !== null && proto !== Object.prototype &&
    proto.toString !== Object.prototype.toString;
}

/** Describes a callback with its arguments: `name(1, 'a')`. */
export function format_callback(callback: unknown, args: readonly unknown[] | null): string {
  const name = typeof callback === "function" && callback.name !== ""
    ? callback.name.replace(/^bound /, "")
    : repr(callback);
  return `${name}(${args === null ? "" : args.map(repr).join(", ")})`;
}

/** Python-like addresses (`0x7f...`) for reprs and ids: unique per object, stable in a run. */
let next_address = 0x7f0000001000;
const addresses = new WeakMap<object, string>();

/** `object`'s Python-like address, as `id()` printed with `#x`. */
export function address_of(object: object): string {
  let address = addresses.get(object);
  if (address === undefined) {
    address = `0x${next_address.toString(16)}`;
    next_address += 0x40;
    addresses.set(object, address);
  }
  return address;
}
