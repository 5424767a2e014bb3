/**
 * The admin plane as the real program declares it, for the committed dev and prod stacks and for
 * each with admin ranges (prod also with the Admin UI): the forwarding listener answers 403 by
 * default, its rules forward the client API from anywhere and everything from adminCidrs only,
 * and the task gets the UI switch, its own UI password (never the master key) and the trusted
 * proxy range.
 */
import { beforeAll, describe, expect, it } from "vitest";

import { DENIED_RESPONSE, listenerRuleSpecs } from "../../config/access/client-api-paths";
import { ADMIN_UI_USERNAME, UI_PASSWORD_ENV } from "../../config/litellm/proxy-runtime";
import { AWSX_DEFAULT_VPC_CIDR } from "../../config/settings/admin-plane";
import { litellmContainer, ofType, oneOf, rolePolicy } from "./stack-harness";
import type { RecordedResource, StackRun } from "./stack-harness";
import { runStacksInChildren } from "./stack-runs-in-children";

const ADMIN_CIDRS = ["203.0.113.10/32", "198.51.100.0/24", "192.0.2.0/28", "203.0.113.64/26"];

let dev: StackRun;
let prod: StackRun;
let devAdmin: StackRun;
let prodAdminUi: StackRun;

beforeAll(async () => {
  [dev, prod, devAdmin, prodAdminUi] = await runStacksInChildren([
    { stack: "dev" },
    { stack: "prod" },
    { stack: "dev", extraConfig: { adminCidrs: JSON.stringify(ADMIN_CIDRS) } },
    { stack: "prod", extraConfig: { adminCidrs: JSON.stringify(ADMIN_CIDRS.slice(0, 1)), adminUi: "true" } },
  ]);
});

/** The listener that forwards: HTTPS on 443 where there is a certificate, else HTTP on 80. */
function forwardingListener(run: StackRun): RecordedResource {
  const listeners = ofType(run, "aws:lb/listener:Listener");
  return listeners.find((listener) => listener.inputs.port === 443) ?? oneOf(run, "aws:lb/listener:Listener");
}

/** The rules as plain values, in priority order, with what each forwards to. */
function rules(run: StackRun) {
  return ofType(run, "aws:lb/listenerRule:ListenerRule")
    .map((rule) => rule.inputs)
    .sort((left, right) => Number(left.priority) - Number(right.priority));
}

function environment(run: StackRun): Record<string, string> {
  return Object.fromEntries(litellmContainer(run).environment.map((variable: { name: string; value: string }) => [variable.name, variable.value]));
}

/** config.yaml as the config bucket stores it. */
function configYaml(run: StackRun): string {
  return String(oneOf(run, "aws:s3/bucketObjectv2:BucketObjectv2").inputs.content);
}

describe.each([
  ["dev", () => dev, "HTTP", []],
  ["prod", () => prod, "HTTPS", []],
  ["dev with adminCidrs", () => devAdmin, "HTTP", ADMIN_CIDRS],
  ["prod with adminCidrs and adminUi", () => prodAdminUi, "HTTPS", ADMIN_CIDRS.slice(0, 1)],
] as const)("%s: the forwarding listener", (_label, getRun, protocol, adminCidrs) => {
  it(`is the ${protocol} listener and answers 403 with the JSON reason to whatever no rule forwards`, () => {
    const listener = forwardingListener(getRun());
    expect(listener.inputs.protocol).toBe(protocol);
    expect(listener.inputs.defaultActions).toEqual([{ type: "fixed-response", fixedResponse: { ...DENIED_RESPONSE } }]);
  });

  it("forwards the client paths from anywhere, then every path from the admin ranges only, with the planned priorities", () => {
    const run = getRun();
    const listener = forwardingListener(run);
    const targetGroupArn = oneOf(run, "aws:lb/targetGroup:TargetGroup").urn;
    const expected = listenerRuleSpecs(adminCidrs).map((spec) => ({
      priority: spec.priority,
      conditions: [spec.kind === "client-paths" ? { pathPattern: { values: [...spec.values] } } : { sourceIp: { values: [...spec.values] } }],
    }));
    const registered = rules(run);
    expect(registered.map((rule) => ({ priority: rule.priority, conditions: rule.conditions }))).toEqual(expected);
    const listenerArn = registered.map((rule) => rule.listenerArn);
    expect(new Set(listenerArn).size).toBe(1);
    for (const rule of registered) {
      expect(rule.actions).toHaveLength(1);
      expect(rule.actions[0].type).toBe("forward");
      expect(String(rule.actions[0].targetGroupArn)).toContain("litellm-ingress-targets");
    }
    expect(targetGroupArn).toContain("litellm-ingress-targets");
    expect(listener.urn).toContain("LoadBalancer");
  });

  it("is in place, rules included, before the ECS service is created (ECS refuses an unattached target group)", () => {
    const run = getRun();
    const service = oneOf(run, "aws:ecs/service:Service");
    for (const rule of ofType(run, "aws:lb/listenerRule:ListenerRule")) {
      expect(service.dependsOn, rule.name).toContain(rule.urn);
    }
  });

  it(adminCidrs.length === 0 ? "has no admin rule: the admin plane is unreachable from the internet" : "has admin rules for exactly the admin ranges", () => {
    const sources = rules(getRun())
      .filter((rule) => rule.conditions[0].sourceIp !== undefined)
      .flatMap((rule) => rule.conditions[0].sourceIp.values as string[]);
    expect(sources).toEqual(adminCidrs);
  });
});

describe("the LiteLLM task's admin plane settings", () => {
  it.each([
    ["dev", () => dev],
    ["prod", () => prod],
    ["dev with adminCidrs", () => devAdmin],
  ] as const)("%s: the UI is off, no UI password exists, environment-credential sign-in is off, docs are off", (_label, getRun) => {
    const run = getRun();
    const variables = environment(run);
    expect(variables).toMatchObject({ DISABLE_ADMIN_UI: "True", NO_DOCS: "True", NO_REDOC: "True", NO_OPENAPI: "True" });
    expect(variables).not.toHaveProperty("UI_USERNAME");
    expect(litellmContainer(run).secrets.map((secret: { name: string }) => secret.name)).not.toContain(UI_PASSWORD_ENV);
    expect(run.resources.filter((resource) => resource.name.includes("admin-ui-password"))).toEqual([]);
    expect(run.outputs).not.toHaveProperty("adminUiPasswordSecretArn");
    expect(configYaml(run)).toContain("disable_env_credential_login: true");
  });

  it("prod with adminUi: UI on for user admin, with its own generated password injected as a secret the execution role may read", () => {
    const run = prodAdminUi;
    const variables = environment(run);
    expect(variables).toMatchObject({ DISABLE_ADMIN_UI: "False", UI_USERNAME: ADMIN_UI_USERNAME, NO_DOCS: "True" });
    expect(variables).not.toHaveProperty(UI_PASSWORD_ENV);
    const passwordSecret = ofType(run, "aws:secretsmanager/secret:Secret").find((secret) => secret.name === "litellm-secrets-admin-ui-password");
    expect(passwordSecret?.inputs.description).toContain("Admin UI password (user admin)");
    const generated = ofType(run, "random:index/randomPassword:RandomPassword").find((password) => password.name === "litellm-secrets-admin-ui-password");
    expect(generated?.inputs).toMatchObject({ length: 40, special: false });
    const injected = litellmContainer(run).secrets.find((secret: { name: string }) => secret.name === UI_PASSWORD_ENV);
    const masterKey = litellmContainer(run).secrets.find((secret: { name: string }) => secret.name === "LITELLM_MASTER_KEY");
    expect(injected.valueFrom).toMatch(/secret:litellm-secrets-admin-ui-password-/);
    expect(injected.valueFrom).not.toBe(masterKey.valueFrom);
    expect(run.outputs.adminUiPasswordSecretArn).toBe(injected.valueFrom);
    const readable = rolePolicy(run, "execution").Statement.find((statement) => statement.Sid === "ReadInjectedSecrets")?.Resource as string[];
    expect(readable).toContain(injected.valueFrom);
    const version = ofType(run, "aws:secretsmanager/secretVersion:SecretVersion").find((candidate) => candidate.name === "litellm-secrets-admin-ui-password");
    expect(JSON.stringify(version?.inputs.secretString)).toContain("GeNeRaTeDlitellmsecretsadminuipassword");
    expect(configYaml(run)).not.toContain("disable_env_credential_login");
  });
});

describe("the trusted proxy range", () => {
  it("is the VPC the load balancer sits in: awsx's default range, which Network leaves in place", () => {
    for (const run of [dev, prod]) {
      const vpc = oneOf(run, "awsx:ec2:Vpc");
      expect(vpc.inputs.cidrBlock ?? AWSX_DEFAULT_VPC_CIDR).toBe(AWSX_DEFAULT_VPC_CIDR);
      expect(configYaml(run)).toContain(`trusted_proxy_ranges:\n    - ${AWSX_DEFAULT_VPC_CIDR}\n`);
    }
  });
});
