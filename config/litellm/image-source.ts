/**
 * Where the tasks pull LiteLLM from (the `image` setting, issue 15): the official image by default,
 * or a mirror (an ECR pull-through cache of ghcr.io, a private registry) that serves the same
 * release. A mirror must still name the pinned release: its tag `v<LITELLM_VERSION>`, or a digest
 * (`@sha256:<64 hex>`), which nothing can move. A moving tag (`main-stable`, `latest`) or another
 * release would deploy what the end-to-end suite never ran.
 */
import { LITELLM_VERSION } from "./litellm-release";

/** The one tag a mirror may carry: the pinned release's. */
export const PINNED_RELEASE_TAG = `v${LITELLM_VERSION}`;

/**
 * `registry/path[:tag][@sha256:digest]` (Docker's reference grammar, distribution/reference): the
 * registry must be explicit (a dotted host, optional port), so nothing falls back to Docker Hub.
 */
const IMAGE_REFERENCE_PATTERN =
  /^(?<registry>[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d{1,5})?)\/(?<path>[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>\w[\w.-]{0,127}))?(?:@sha256:(?<digest>[0-9a-f]{64}))?$/;

/** A private ECR registry's host: `<account>.dkr.ecr[-fips].<region>.amazonaws.com[.cn]`. */
const ECR_REGISTRY_PATTERN = /^(?<account>\d{12})\.dkr\.ecr(?:-fips)?\.(?<region>[a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com(?<china>\.cn)?$/;

export const IMAGE_FORM = `<registry>/<repository>:${PINNED_RELEASE_TAG} or <registry>/<repository>@sha256:<64 hex digits> (a digest of the ${PINNED_RELEASE_TAG} image you verified), e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/ghcr/berriai/litellm:${PINNED_RELEASE_TAG}`;

export interface ImageReference {
  readonly registry: string;
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

export function parseImageReference(image: string): ImageReference | undefined {
  const groups = IMAGE_REFERENCE_PATTERN.exec(image)?.groups;
  if (groups?.registry === undefined || groups.path === undefined) {
    return undefined;
  }
  return {
    registry: groups.registry,
    path: groups.path,
    ...(groups.tag === undefined ? {} : { tag: groups.tag }),
    ...(groups.digest === undefined ? {} : { digest: groups.digest }),
  };
}

/** What is wrong with an image reference, without the setting's name; undefined when it pins the release. */
export function imageProblem(image: string): string | undefined {
  const reference = parseImageReference(image);
  if (reference === undefined) {
    return "is not an image reference with a registry host";
  }
  if (reference.tag !== undefined && reference.tag !== PINNED_RELEASE_TAG) {
    return `has the tag "${reference.tag}", but only the pinned release's tag ${PINNED_RELEASE_TAG} is accepted (a moving tag or another release would deploy what the tests never ran)`;
  }
  if (reference.tag === undefined && reference.digest === undefined) {
    return "has neither a tag nor a digest, so the registry's moving `latest` would be pulled";
  }
  return undefined;
}

/** The private ECR repository an image lives in, as IAM names it; undefined for any other registry. */
export interface EcrRepository {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly name: string;
}

export function ecrRepository(image: string): EcrRepository | undefined {
  const reference = parseImageReference(image);
  const groups = reference === undefined ? undefined : ECR_REGISTRY_PATTERN.exec(reference.registry)?.groups;
  if (reference === undefined || groups?.account === undefined || groups.region === undefined) {
    return undefined;
  }
  return { partition: groups.china === undefined ? "aws" : "aws-cn", region: groups.region, account: groups.account, name: reference.path };
}

export function ecrRepositoryArn(repository: EcrRepository): string {
  return `arn:${repository.partition}:ecr:${repository.region}:${repository.account}:repository/${repository.name}`;
}
