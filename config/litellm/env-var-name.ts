/**
 * What an environment variable's name may be: the catalog's apiKeyEnv names, the provider keys'
 * config keys (`pulumi config set --secret OPENAI_API_KEY`: the key is the variable's name) and
 * the variables the task receives all follow it. POSIX-portable and what ECS, Secrets Manager
 * injection and LiteLLM's os.environ/ all accept.
 */
export const ENV_VAR_NAME_PATTERN = /^[A-Z][A-Z0-9_]*$/;
