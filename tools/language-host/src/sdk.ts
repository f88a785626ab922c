/**
 * The protocol stubs this host serves with: the generated gRPC code that ships inside `@pulumi/pulumi`
 * (proto/*_pb.js, proto/*_grpc_pb.js) and the `@grpc/grpc-js` and `google-protobuf` it depends on.
 *
 * They are loaded at run time from the @pulumi/pulumi that the program itself resolves (the project directory the
 * engine starts the host in), so the host carries no copy of its own; before `npm install` has run in a new
 * project, the @pulumi/pulumi the launcher names (PULUMI_LANGUAGE_HOST_FALLBACK_SDK) serves instead.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";
import type * as grpcModule from "@grpc/grpc-js";
import type * as languagePb from "@pulumi/pulumi/proto/language_pb";
import type * as pluginPb from "@pulumi/pulumi/proto/plugin_pb";

export interface Sdk {
  /** The @pulumi/pulumi package folder the stubs come from. */
  dir: string;
  version: string;
  grpc: typeof grpcModule;
  /** LanguageRuntimeService: method name → path, (de)serializers. Older SDKs list fewer methods. */
  service: grpcModule.ServiceDefinition;
  language: typeof languagePb;
  plugin: typeof pluginPb;
  Empty: new () => object;
}

/** What the launcher ensure-pulumi.sh writes tells the host (environment variables, removed before programs run). */
export interface BuildInfo {
  /** The @pulumi/pulumi release the CLI beside it was built at: the version GetPluginInfo reports. */
  version: string;
  /** An @pulumi/pulumi folder to load the stubs from when the project has none installed yet. */
  fallbackSdk?: string;
}

export const BUILD_ENV = {
  version: "PULUMI_LANGUAGE_HOST_VERSION",
  fallbackSdk: "PULUMI_LANGUAGE_HOST_FALLBACK_SDK",
} as const;

export function takeBuildInfo(env: NodeJS.ProcessEnv = process.env): BuildInfo {
  const version = env[BUILD_ENV.version] || "0.0.0";
  const fallbackSdk = env[BUILD_ENV.fallbackSdk];
  delete env[BUILD_ENV.version];
  delete env[BUILD_ENV.fallbackSdk];
  return { version, ...(fallbackSdk ? { fallbackSdk } : {}) };
}

/** The @pulumi/pulumi folder that `from` resolves, as Node.js would from a file in that folder. */
export function resolveSdkDir(from: string): string | undefined {
  try {
    return path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [from] }));
  } catch {
    return undefined;
  }
}

export function loadSdk(candidates: Array<string | undefined>): Sdk {
  const tried: string[] = [];
  for (const candidate of candidates) {
    if (!candidate) continue;
    tried.push(candidate);
    const dir = fs.existsSync(path.join(candidate, "proto", "language_grpc_pb.js"))
      ? candidate
      : resolveSdkDir(candidate);
    if (!dir || !fs.existsSync(path.join(dir, "proto", "language_grpc_pb.js"))) continue;
    const sdkRequire = createRequire(path.join(dir, "package.json"));
    const services = sdkRequire("./proto/language_grpc_pb.js") as {
      LanguageRuntimeService: grpcModule.ServiceDefinition;
    };
    return {
      dir,
      version: (sdkRequire("./package.json") as { version: string }).version,
      // The stubs require @grpc/grpc-js from inside @pulumi/pulumi: resolve it the same way, to get the same copy.
      grpc: sdkRequire("@grpc/grpc-js") as typeof grpcModule,
      service: services.LanguageRuntimeService,
      language: sdkRequire("./proto/language_pb.js") as typeof languagePb,
      plugin: sdkRequire("./proto/plugin_pb.js") as typeof pluginPb,
      Empty: (sdkRequire("google-protobuf/google/protobuf/empty_pb.js") as { Empty: new () => object }).Empty,
    };
  }
  throw new Error(
    `@pulumi/pulumi is not installed where the program is (looked from ${tried.join(", ") || "nowhere"}); ` +
      "run `npm install` (or `pulumi install`) in the project first",
  );
}
