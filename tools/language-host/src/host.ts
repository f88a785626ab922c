/**
 * The LanguageRuntime service (proto/pulumi/language.proto) for Node.js programs: what the Pulumi CLI calls on
 * `pulumi preview/up/refresh/destroy/install/about` of a folder program. Methods the CLI has but this host does not
 * serve (code generation, packing, linking, plugins run from source) answer UNIMPLEMENTED, which the CLI reports.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import type * as grpc from "@grpc/grpc-js";
import type * as languagePb from "@pulumi/pulumi/proto/language_pb";
import { findManifestDir, incompatibleSdks, programDependencies, scanPackages } from "./packages";
import { configEnvironment, parseRuntimeOptions, runnerArguments, startProgram, type RunOptions } from "./program";
import type { Sdk } from "./sdk";

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => void;

export interface HostSettings {
  sdk: Sdk;
  /** The version GetPluginInfo reports (the CLI release this host stands in for). */
  version: string;
  /** The engine's address, the last command-line argument (or given later by Handshake). */
  engineAddress?: string;
  tracing?: string;
  log: (line: string) => void;
}

/** The fields every request's ProgramInfo carries, with the older top-level fields as fallback. */
interface Program {
  rootDirectory: string;
  programDirectory: string;
  entryPoint: string;
  options: RunOptions;
}

function programOf(
  info: languagePb.ProgramInfo | undefined,
  fallback: { pwd?: string; program?: string } = {},
): Program {
  const programDirectory = info?.getProgramDirectory() || fallback.pwd || process.cwd();
  const options = info?.getOptions()?.toJavaScript() ?? {};
  return {
    rootDirectory: info?.getRootDirectory() || programDirectory,
    programDirectory,
    entryPoint: info?.getEntryPoint() || fallback.program || ".",
    options: parseRuntimeOptions(options as Record<string, unknown>),
  };
}

function grpcError(sdk: Sdk, code: grpc.status, message: string): grpc.ServiceError {
  return Object.assign(new Error(message), { code, details: message, metadata: new sdk.grpc.Metadata() });
}

/** Runs a unary handler body, turning a thrown error into a gRPC error the CLI prints. */
function unary<Req, Res>(
  sdk: Sdk,
  body: (request: Req, call: grpc.ServerUnaryCall<Req, Res>) => Res | Promise<Res>,
): Unary<Req, Res> {
  return (call, callback) => {
    Promise.resolve()
      .then(() => body(call.request, call))
      .then(
        (response) => callback(null, response),
        (error: Error) => callback(grpcError(sdk, sdk.grpc.status.UNKNOWN, error.message)),
      );
  };
}

// Longer than ~80 lines on purpose: one handler per LanguageRuntime RPC (each under 50 lines) sharing the running
// programs and the engine address; split, that state would only be threaded through.
export function createLanguageHost(settings: HostSettings): grpc.UntypedServiceImplementation {
  const { sdk, log } = settings;
  const { language, plugin } = sdk;
  let engineAddress = settings.engineAddress;
  const running = new Set<ChildProcess>();

  const stop = (child: ChildProcess) => {
    child.kill("SIGINT");
    setTimeout(() => child.exitCode === null && child.signalCode === null && child.kill("SIGKILL"), 5000).unref();
  };

  const requiredPackages = (programDirectory: string) => {
    const scan = scanPackages(programDirectory);
    const warning = incompatibleSdks(scan.pulumiSdks);
    if (warning) process.stderr.write(warning);
    for (const problem of scan.problems) log(`while looking for plugins: ${problem}`);
    return scan.packages;
  };

  return {
    handshake: unary(sdk, (request: languagePb.LanguageHandshakeRequest) => {
      engineAddress = request.getEngineAddress();
      return new language.LanguageHandshakeResponse();
    }),

    getPluginInfo: unary(sdk, () => new plugin.PluginInfo().setVersion(settings.version)),

    getRequiredPackages: unary(sdk, (request: languagePb.GetRequiredPackagesRequest) => {
      const { programDirectory } = programOf(request.getInfo());
      const packages = requiredPackages(programDirectory).map((p) => {
        const dependency = new plugin.PackageDependency().setName(p.name).setKind(p.kind).setVersion(p.version);
        if (p.server) dependency.setServer(p.server);
        if (p.parameterization && plugin.PackageParameterization) {
          dependency.setParameterization(
            new plugin.PackageParameterization()
              .setName(p.parameterization.name)
              .setVersion(p.parameterization.version)
              .setValue(Buffer.from(p.parameterization.value, "base64")),
          );
        }
        return dependency;
      });
      return new language.GetRequiredPackagesResponse().setPackagesList(packages);
    }),

    // The older form, still called by CLIs that predate GetRequiredPackages.
    getRequiredPlugins: unary(sdk, (request: languagePb.GetRequiredPluginsRequest) => {
      const { programDirectory } = programOf(request.getInfo(), {
        pwd: request.getPwd(),
        program: request.getProgram(),
      });
      const plugins = requiredPackages(programDirectory).map((p) => {
        const dependency = new plugin.PluginDependency().setName(p.name).setKind(p.kind).setVersion(p.version);
        if (p.server) dependency.setServer(p.server);
        return dependency;
      });
      return new language.GetRequiredPluginsResponse().setPluginsList(plugins);
    }),

    run: unary(sdk, async (request: languagePb.RunRequest, call) => {
      const response = new language.RunResponse();
      let program: Program;
      try {
        program = programOf(request.getInfo(), { pwd: request.getPwd(), program: request.getProgram() });
      } catch (error) {
        return response.setError((error as Error).message);
      }
      let runPath: string;
      try {
        runPath = require.resolve("@pulumi/pulumi/cmd/run", { paths: [program.programDirectory] });
      } catch {
        return response.setError(
          `It looks like the Pulumi SDK has not been installed in ${program.programDirectory}. Have you run pulumi install (or npm install)?`,
        );
      }
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        ...configEnvironment(
          request.getConfigMap().getEntryList() as Array<[string, string]>,
          request.getConfigsecretkeysList(),
        ),
        ...(program.options.typescript ? { PULUMI_NODEJS_TYPESCRIPT: "true" } : {}),
        ...(program.options.tsconfig ? { PULUMI_NODEJS_TSCONFIG_PATH: program.options.tsconfig } : {}),
      };
      const args = runnerArguments({
        runPath,
        monitor: request.getMonitorAddress(),
        engine: engineAddress,
        organization: request.getOrganization(),
        project: request.getProject(),
        stack: request.getStack(),
        rootDirectory: program.rootDirectory,
        programDirectory: program.programDirectory,
        entryPoint: program.entryPoint,
        args: request.getArgsList(),
        dryRun: request.getDryrun(),
        parallel: request.getParallel(),
        tracing: settings.tracing,
      });
      const { child, done } = startProgram([...program.options.nodeargs, ...args], env, program.programDirectory);
      running.add(child);
      // The engine gave up on this run (cancelled, or went away): the program goes too.
      call.on("cancelled", () => stop(child));
      const outcome = await done.finally(() => running.delete(child));
      return response.setError(outcome.error).setBail(outcome.bail);
    }),

    installDependencies: (
      call: grpc.ServerWritableStream<languagePb.InstallDependenciesRequest, languagePb.InstallDependenciesResponse>,
    ) => {
      const say = (stream: "stdout" | "stderr", text: string | Buffer) => {
        const message = new language.InstallDependenciesResponse();
        const bytes = typeof text === "string" ? Buffer.from(text, "utf8") : text;
        call.write(stream === "stdout" ? message.setStdout(bytes) : message.setStderr(bytes));
      };
      let program: Program;
      try {
        program = programOf(call.request.getInfo(), { pwd: call.request.getDirectory() });
      } catch (error) {
        call.destroy(grpcError(sdk, sdk.grpc.status.INVALID_ARGUMENT, (error as Error).message));
        return;
      }
      const root = findManifestDir(program.programDirectory) ?? program.programDirectory;
      if (process.env["PULUMI_LANGUAGE_HOST_SKIP_INSTALL"] === "true") {
        say(
          "stdout",
          `Not installing dependencies in ${root} (PULUMI_LANGUAGE_HOST_SKIP_INSTALL=true); run npm install there yourself.\n`,
        );
        call.end();
        return;
      }
      const manager = program.options.packagemanager ?? "npm";
      say("stdout", `Installing dependencies in ${root} with ${manager} install...\n\n`);
      const child = spawn(manager, ["install"], { cwd: root, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
      child.stdout.on("data", (chunk: Buffer) => say("stdout", chunk));
      child.stderr.on("data", (chunk: Buffer) => say("stderr", chunk));
      child.on("error", (error) =>
        call.destroy(grpcError(sdk, sdk.grpc.status.UNKNOWN, `${manager} install could not start: ${error.message}`)),
      );
      child.on("close", (code) => {
        if (code === 0) {
          say("stdout", "Finished installing dependencies\n\n");
          call.end();
        } else {
          call.destroy(grpcError(sdk, sdk.grpc.status.UNKNOWN, `${manager} install exited with code ${code}`));
        }
      });
    },

    getProgramDependencies: unary(sdk, (request: languagePb.GetProgramDependenciesRequest) => {
      const { programDirectory } = programOf(request.getInfo(), {
        pwd: request.getPwd(),
        program: request.getProgram(),
      });
      const dependencies = programDependencies(programDirectory, request.getTransitivedependencies()).map((d) =>
        new language.DependencyInfo().setName(d.name).setVersion(d.version),
      );
      return new language.GetProgramDependenciesResponse().setDependenciesList(dependencies);
    }),

    about: unary(sdk, (request: languagePb.AboutRequest) => {
      const { options } = programOf(request.getInfo());
      const manager = options.packagemanager ?? "npm";
      const response = new language.AboutResponse().setExecutable(process.execPath).setVersion(process.version);
      const metadata = response.getMetadataMap();
      metadata.set("packagemanager", manager);
      const version = versionOf(manager);
      if (version) metadata.set("packagemanagerVersion", version);
      metadata.set(
        "languageHost",
        `tools/language-host of pulumi-azure-sql-migration (not the official pulumi-language-nodejs), @pulumi/pulumi ${sdk.version} stubs`,
      );
      return response;
    }),

    runtimeOptionsPrompts: unary(sdk, () => new language.RuntimeOptionsResponse()),

    template: unary(sdk, () => new language.TemplateResponse()),

    cancel: unary(sdk, () => {
      for (const child of running) stop(child);
      return new sdk.Empty();
    }),
  };
}

/** `<tool> --version`, or undefined when it cannot tell. */
function versionOf(tool: string): string | undefined {
  const result = spawnSync(tool, ["--version"], { encoding: "utf8", timeout: 10_000 });
  return result.status === 0 ? result.stdout.trim() : undefined;
}
