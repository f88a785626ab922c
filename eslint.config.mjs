// typescript-eslint's recommended rules over the whole tree; the few rules turned off say why.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", ".work/", "examples/your-stack/node_modules/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Unused parameters are part of interface signatures (ARM handlers, Pulumi provider methods).
      "@typescript-eslint/no-unused-vars": ["error", { args: "none", caughtErrors: "none", ignoreRestSiblings: true }],
      // Dynamic providers load SDK modules with require() inside their methods, so Pulumi's closure serializer
      // never captures a module object (docs/ARCHITECTURE.md); tests read package.json files the same way.
      "@typescript-eslint/no-require-imports": "off",
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        __dirname: "readonly",
        console: "readonly",
      },
    },
  },
);
