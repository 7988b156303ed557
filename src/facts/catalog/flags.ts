import type { Ecosystem } from '../manifests/types.js'
import type { PackageSignature } from '../usage.js'

/**
 * Feature-flag SDKs and libraries (docs/catalogue.md, "Feature flags"), as data. `calls` are flag evaluations;
 * `analytics: true` marks products also installed for analytics or experiments only (PostHog,
 * Statsig, Optimizely): they count only when a flag evaluation is found.
 */
export interface FlagSignature extends PackageSignature {
  readonly analytics?: boolean
}

const sdk = (label: string, ecosystem: Ecosystem, packages: string[], calls: string[], extra: Partial<FlagSignature> = {}): FlagSignature => ({ label, ecosystem, packages, calls, ...extra })

const LD_CALLS = ['variation(', 'Variation(', 'variation_detail(', 'boolVariation(', 'BoolVariation(', 'stringVariation(', 'jsonVariation(', 'variationDetail(', 'allFlagsState(', 'all_flags_state(']
const UNLEASH_CALLS = ['is_enabled(', 'isEnabled(', 'IsEnabled(', 'get_variant(', 'getVariant(', 'GetVariant(', 'is_enabled?(', 'enabled?(']
const FLAGSMITH_CALLS = ['is_feature_enabled(', 'isFeatureEnabled(', 'IsFeatureEnabled(', 'get_feature_value(', 'getFeatureValue(', 'GetFeatureValue(', 'getEnvironmentFlags(', 'get_environment_flags(', 'GetEnvironmentFlags(', 'get_identity_flags(', 'getIdentityFlags(']
const CONFIGCAT_CALLS = ['get_value(', 'getValue(', 'getValueAsync(', 'GetBoolValue(', 'GetValue(', 'get_value_details(', 'getBooleanValue(']
const SPLIT_CALLS = ['get_treatment(', 'getTreatment(', 'Treatment(', 'get_treatments(', 'getTreatments(']
const GROWTHBOOK_CALLS = ['is_on(', 'isOn(', 'IsOn(', 'is_off(', 'isOff(', 'get_feature_value(', 'getFeatureValue(', 'eval_feature(', 'evalFeature(', 'EvalFeature(', 'Feature(']
const OPENFEATURE_CALLS = ['get_boolean_value(', 'getBooleanValue(', 'BooleanValue(', 'get_string_value(', 'getStringValue(', 'StringValue(', 'get_object_value(', 'getObjectValue(', 'get_integer_value(', 'getNumberValue(', 'get_boolean_details(', 'getBooleanDetails(', 'boolean_value(', 'fetch_boolean_value(', '@RequireFlagsEnabled']
const POSTHOG_CALLS = ['feature_enabled(', 'get_feature_flag(', 'get_all_flags(', 'isFeatureEnabled(', 'getFeatureFlag(', 'getAllFlags(', 'IsFeatureEnabled(', 'GetFeatureFlag(', 'is_feature_enabled(', 'feature_flag_payload(', 'getFeatureFlagPayload(']
const STATSIG_CALLS = ['check_gate(', 'checkGate(', 'CheckGate(', 'check_gate?(', 'get_feature_gate(', 'getFeatureGate(', 'get_experiment(', 'getExperiment(', 'get_dynamic_config(']
const OPTIMIZELY_CALLS = ['.decide(', 'is_feature_enabled(', 'isFeatureEnabled(', 'decide_all(', 'decideAll(', 'IsFeatureEnabled(', 'activate(']
const FLIPT_CALLS = ['evaluate_boolean(', 'evaluateBoolean(', 'EvaluateBoolean(', 'evaluate_variant(', 'evaluateVariant(', 'Boolean(ctx']
const DEVCYCLE_CALLS = ['variable_value(', 'variableValue(', 'VariableValue(', 'variable(', 'Variable(']
const APPCONFIG_CALLS = ['start_configuration_session(', 'get_latest_configuration(', 'StartConfigurationSessionCommand', 'GetLatestConfigurationCommand', 'StartConfigurationSession(', 'GetLatestConfiguration(', 'evaluate(', 'getAppConfig(']

export const FLAG_SDKS: readonly FlagSignature[] = [
  // LaunchDarkly
  sdk('LaunchDarkly', 'python', ['launchdarkly-server-sdk', 'ldclient-py'], LD_CALLS),
  sdk('LaunchDarkly', 'node', ['@launchdarkly/node-server-sdk', 'launchdarkly-node-server-sdk', 'launchdarkly-js-client-sdk', 'launchdarkly-react-client-sdk', '@launchdarkly/js-client-sdk', '@launchdarkly/react-universal-sdk'], [...LD_CALLS, 'useFlags(', 'useLDClient(', 'withLDProvider(']),
  sdk('LaunchDarkly', 'go', ['github.com/launchdarkly/go-server-sdk', 'gopkg.in/launchdarkly/go-server-sdk.v5'], LD_CALLS),
  sdk('LaunchDarkly', 'java', ['com.launchdarkly:launchdarkly-java-server-sdk'], LD_CALLS),
  sdk('LaunchDarkly', 'ruby', ['launchdarkly-server-sdk', 'ldclient-rb'], [...LD_CALLS, 'LaunchDarkly::LDClient']),
  // Unleash
  sdk('Unleash', 'python', ['unleashclient'], UNLEASH_CALLS),
  sdk('Unleash', 'node', ['unleash-client', '@unleash/proxy-client-react', 'unleash-proxy-client', '@unleash/nextjs', '@unleash/proxy-client-vue'], [...UNLEASH_CALLS, 'useFlag(', 'useVariant(']),
  sdk('Unleash', 'go', ['github.com/Unleash/unleash-client-go'], UNLEASH_CALLS),
  sdk('Unleash', 'java', ['io.getunleash:unleash-client-java', 'io.getunleash:springboot-unleash-starter'], [...UNLEASH_CALLS, '@Toggle(']),
  sdk('Unleash', 'ruby', ['unleash'], ['Unleash::Client', 'UNLEASH.is_enabled?', '.is_enabled?(', 'is_disabled?(']),
  // Flagsmith
  sdk('Flagsmith', 'python', ['flagsmith'], FLAGSMITH_CALLS),
  sdk('Flagsmith', 'node', ['flagsmith-nodejs', 'flagsmith', '@flagsmith/flagsmith'], [...FLAGSMITH_CALLS, 'hasFeature(', 'useFlags(']),
  sdk('Flagsmith', 'go', ['github.com/Flagsmith/flagsmith-go-client'], FLAGSMITH_CALLS),
  sdk('Flagsmith', 'java', ['com.flagsmith:flagsmith-java-client'], FLAGSMITH_CALLS),
  sdk('Flagsmith', 'ruby', ['flagsmith'], ['Flagsmith::Client', 'is_feature_enabled(', 'get_environment_flags']),
  // ConfigCat
  sdk('ConfigCat', 'python', ['configcat-client'], CONFIGCAT_CALLS),
  sdk('ConfigCat', 'node', ['configcat-node', '@configcat/sdk', 'configcat-js', 'configcat-js-ssr', 'configcat-react'], [...CONFIGCAT_CALLS, 'useFeatureFlag(']),
  sdk('ConfigCat', 'go', ['github.com/configcat/go-sdk'], CONFIGCAT_CALLS),
  sdk('ConfigCat', 'java', ['com.configcat:configcat-java-client'], CONFIGCAT_CALLS),
  sdk('ConfigCat', 'ruby', ['configcat'], ['ConfigCat.get(', 'get_value(']),
  // Split (Harness FME)
  sdk('Split', 'python', ['splitio-client'], SPLIT_CALLS),
  sdk('Split', 'node', ['@splitsoftware/splitio', '@splitsoftware/splitio-react'], [...SPLIT_CALLS, 'useTreatment(']),
  sdk('Split', 'go', ['github.com/splitio/go-client'], SPLIT_CALLS),
  sdk('Split', 'java', ['io.split.client:java-client'], SPLIT_CALLS, { imports: ['io.split'] }),
  sdk('Split', 'ruby', ['splitclient-rb'], ['get_treatment(', 'SplitIoClient']),
  // GrowthBook
  sdk('GrowthBook', 'python', ['growthbook'], GROWTHBOOK_CALLS),
  sdk('GrowthBook', 'node', ['@growthbook/growthbook', '@growthbook/growthbook-react'], [...GROWTHBOOK_CALLS, 'useFeatureIsOn(', 'useFeatureValue(', 'useFeature(']),
  sdk('GrowthBook', 'go', ['github.com/growthbook/growthbook-golang'], GROWTHBOOK_CALLS),
  sdk('GrowthBook', 'java', ['com.github.growthbook:growthbook-sdk-java'], GROWTHBOOK_CALLS, { imports: ['growthbook.sdk.java'] }),
  sdk('GrowthBook', 'ruby', ['growthbook'], ['Growthbook::Context', 'on?(', 'feature_value(']),
  // OpenFeature (+ providers)
  sdk('OpenFeature', 'python', ['openfeature-sdk', 'openfeature-provider-flagd', 'launchdarkly-openfeature-server', 'configcat-openfeature-provider', 'growthbook-openfeature-provider', 'gofeatureflag-python-provider'], OPENFEATURE_CALLS),
  sdk('OpenFeature', 'node', ['@openfeature/server-sdk', '@openfeature/web-sdk', '@openfeature/nestjs-sdk', '@openfeature/react-sdk', '@openfeature/flagd-provider', '@openfeature/go-feature-flag-provider', '@openfeature/js-sdk'], [...OPENFEATURE_CALLS, 'useBooleanFlagValue(', 'useFlag(', '@BooleanFeatureFlag(']),
  sdk('OpenFeature', 'go', ['github.com/open-feature/go-sdk', 'github.com/open-feature/go-sdk-contrib/providers/flagd', 'github.com/thomaspoignant/go-feature-flag'], [...OPENFEATURE_CALLS, 'ffclient.BoolVariation(']),
  sdk('OpenFeature', 'java', ['dev.openfeature:sdk', 'dev.openfeature.contrib.providers:flagd', 'dev.openfeature.contrib.providers:*'], OPENFEATURE_CALLS, { imports: ['dev.openfeature'] }),
  sdk('OpenFeature', 'ruby', ['openfeature-sdk'], ['fetch_boolean_value(', 'OpenFeature::SDK']),
  // PostHog / Statsig / Optimizely: also analytics products.
  sdk('PostHog', 'python', ['posthog'], POSTHOG_CALLS, { analytics: true }),
  sdk('PostHog', 'node', ['posthog-node', 'posthog-js'], [...POSTHOG_CALLS, 'useFeatureFlagEnabled(', 'useFeatureFlagVariantKey('], { analytics: true }),
  sdk('PostHog', 'go', ['github.com/posthog/posthog-go'], POSTHOG_CALLS, { analytics: true }),
  sdk('PostHog', 'java', ['com.posthog:posthog-server', 'com.posthog.java:posthog', 'com.posthog:posthog'], POSTHOG_CALLS, { analytics: true }),
  sdk('PostHog', 'ruby', ['posthog-ruby'], ['is_feature_enabled(', 'get_feature_flag('], { analytics: true }),
  sdk('Statsig', 'python', ['statsig', 'statsig-python-core'], STATSIG_CALLS, { analytics: true }),
  sdk('Statsig', 'node', ['statsig-node', '@statsig/statsig-node-core', '@statsig/js-client', '@statsig/react-bindings'], [...STATSIG_CALLS, 'useGateValue(', 'useFeatureGate('], { analytics: true }),
  sdk('Statsig', 'go', ['github.com/statsig-io/go-sdk'], STATSIG_CALLS, { analytics: true }),
  sdk('Statsig', 'java', ['com.statsig:serversdk', 'com.statsig:javacore'], STATSIG_CALLS, { analytics: true }),
  sdk('Statsig', 'ruby', ['statsig'], ['check_gate('], { analytics: true }),
  sdk('Optimizely', 'python', ['optimizely-sdk'], OPTIMIZELY_CALLS, { analytics: true }),
  sdk('Optimizely', 'node', ['@optimizely/optimizely-sdk', '@optimizely/react-sdk'], [...OPTIMIZELY_CALLS, 'useDecision('], { analytics: true }),
  sdk('Optimizely', 'go', ['github.com/optimizely/go-sdk'], OPTIMIZELY_CALLS, { analytics: true }),
  sdk('Optimizely', 'java', ['com.optimizely.ab:core-api'], OPTIMIZELY_CALLS, { analytics: true }),
  sdk('Optimizely', 'ruby', ['optimizely-sdk'], ['decide(', 'is_feature_enabled('], { analytics: true }),
  // Flipt, DevCycle, AWS AppConfig
  sdk('Flipt', 'python', ['flipt', 'flipt-client'], FLIPT_CALLS),
  sdk('Flipt', 'node', ['@flipt-io/flipt', '@flipt-io/flipt-client-js', '@flipt-io/flipt-client'], FLIPT_CALLS),
  sdk('Flipt', 'go', ['go.flipt.io/flipt-client', 'go.flipt.io/flipt/rpc/flipt', 'go.flipt.io/flipt/sdk/go'], FLIPT_CALLS),
  sdk('Flipt', 'java', ['io.flipt:flipt-java', 'io.flipt:flipt-client-java'], FLIPT_CALLS),
  sdk('Flipt', 'ruby', ['flipt_client'], ['evaluate_boolean(', 'Flipt::']),
  sdk('DevCycle', 'python', ['devcycle-python-server-sdk'], DEVCYCLE_CALLS),
  sdk('DevCycle', 'node', ['@devcycle/nodejs-server-sdk', '@devcycle/js-client-sdk', '@devcycle/react-client-sdk'], [...DEVCYCLE_CALLS, 'useVariableValue(']),
  sdk('DevCycle', 'go', ['github.com/devcyclehq/go-server-sdk'], DEVCYCLE_CALLS),
  sdk('DevCycle', 'java', ['com.devcycle:java-server-sdk'], DEVCYCLE_CALLS),
  sdk('DevCycle', 'ruby', ['devcycle-ruby-server-sdk'], ['variable_value(', 'DevCycle::']),
  sdk('AWS AppConfig', 'node', ['@aws-sdk/client-appconfigdata'], APPCONFIG_CALLS),
  sdk('AWS AppConfig', 'go', ['github.com/aws/aws-sdk-go-v2/service/appconfigdata'], APPCONFIG_CALLS),
  sdk('AWS AppConfig', 'java', ['software.amazon.awssdk:appconfigdata'], APPCONFIG_CALLS, { imports: ['software.amazon.awssdk.services.appconfigdata'] }),
  sdk('AWS Lambda Powertools feature flags', 'python', ['aws-lambda-powertools'], ['FeatureFlags(', 'evaluate(name='], { imports: ['aws_lambda_powertools.utilities.feature_flags'] }),
  // Framework-native and self-hosted libraries
  sdk('django-waffle', 'python', ['django-waffle'], ['flag_is_active(', 'switch_is_active(', 'sample_is_active(', 'waffle_flag(', 'waffle_switch(', 'WaffleFlagMixin', 'WaffleSwitchMixin', '{% flag ', '{% switch ', '{% sample '], { templates: true }),
  sdk('django-flags', 'python', ['django-flags'], ['flag_enabled(', 'flag_disabled(', 'flag_state(', 'flag_check(', '{% flag_enabled', '{% flag_disabled'], { templates: true, imports: ['flags.state', 'flags.decorators', 'flags.views', 'flags.templatetags'] }),
  sdk('gargoyle', 'python', ['gargoyle', 'gargoyle-yplan'], ['gargoyle.is_active(', 'ifswitch']),
  sdk('Flask-FeatureFlags', 'python', ['flask-featureflags', 'flask-feature-flag'], ['is_active(', 'is_active_feature(', '@feature_flag', 'ifeature(']),
  sdk('fastapi-featureflags', 'python', ['fastapi-featureflags'], ['feature_flag(', 'get_flags(', 'FeatureFlags(']),
  sdk('Flipper', 'ruby', ['flipper', 'flipper-active_record', 'flipper-redis', 'flipper-ui', 'flipper-cloud', 'flipper-active_support_cache_store'], ['Flipper.enabled?', 'Flipper[', 'Flipper.enable', 'flipper_id', 'Flipper::UI']),
  sdk('rollout', 'ruby', ['rollout'], ['.active?(', 'Rollout.new']),
  sdk('flip', 'ruby', ['flip'], ['Flip::Declarable', 'Flip.on?', 'feature?(']),
  sdk('feature_flagger', 'ruby', ['feature_flagger'], ['FeatureFlagger', '.released?(', 'rollout?(']),
  sdk('Togglz', 'java', ['org.togglz:togglz-core', 'org.togglz:togglz-spring-boot-starter', 'org.togglz:*'], ['isActive(', 'implements Feature', '@EnabledByDefault', 'FeatureManager']),
  sdk('FF4J', 'java', ['org.ff4j:ff4j-core', 'org.ff4j:ff4j-spring-boot-starter', 'org.ff4j:*'], ['ff4j.check(', '.check(', '@Flip(']),
  sdk('Vercel Flags SDK', 'node', ['@vercel/flags', 'flags'], ['flag({', 'flag<'], { imports: ['@vercel/flags', 'flags/next', 'flags/sveltekit'] }),
  sdk('fflip', 'node', ['fflip'], ['isFeatureEnabledForUser(', 'userHasFeature(']),
  sdk('HappyKit Flags', 'node', ['@happykit/flags'], ['useFlags(', 'getFlags(']),
  sdk('unleash (Go server SDK)', 'go', ['github.com/Unleash/unleash-go-sdk'], UNLEASH_CALLS),
  // PHP. Composer names are not namespaces, so each row names its namespace in `imports`. Laravel
  // Pennant is evaluated in code and in Blade (`@feature('x')`); `Feature::define(` only declares.
  sdk('Laravel Pennant', 'php', ['laravel/pennant'], ['Feature::active(', 'Feature::inactive(', 'Feature::for(', 'Feature::value(', 'Feature::when(', 'Feature::unless(', 'Feature::someAreActive(', 'Feature::allAreActive(', 'EnsureFeaturesAreActive::using(', '@feature('], { templates: true, imports: ['Laravel\\Pennant'] }),
  sdk('LaunchDarkly', 'php', ['launchdarkly/server-sdk', 'launchdarkly/launchdarkly-php'], LD_CALLS, { imports: ['LaunchDarkly'] }),
  sdk('Unleash', 'php', ['unleash/client', 'unleash/symfony-client-bundle'], UNLEASH_CALLS, { imports: ['Unleash\\Client'] }),
  sdk('Flagsmith', 'php', ['flagsmith/flagsmith-php-client'], FLAGSMITH_CALLS, { imports: ['Flagsmith'] }),
  sdk('ConfigCat', 'php', ['configcat/configcat-client'], CONFIGCAT_CALLS, { imports: ['ConfigCat'] }),
  sdk('GrowthBook', 'php', ['growthbook/growthbook'], GROWTHBOOK_CALLS, { imports: ['Growthbook'] }),
  sdk('OpenFeature', 'php', ['open-feature/sdk'], OPENFEATURE_CALLS, { imports: ['OpenFeature'] }),
  sdk('Split', 'php', ['splitsoftware/split-sdk-php'], SPLIT_CALLS, { imports: ['SplitIO'] }),
  sdk('PostHog', 'php', ['posthog/posthog-php'], POSTHOG_CALLS, { analytics: true, imports: ['PostHog'] }),
  sdk('Flagception', 'php', ['flagception/flagception-bundle', 'flagception/flagception'], ['->isActive(', '#[Feature(', "feature('"], { templates: true, imports: ['Flagception'] }),
  sdk('novaway/feature-flag-bundle', 'php', ['novaway/feature-flag-bundle'], ['isFeatureEnabled(', '#[IsFeatureEnabled', '#[FeatureEnabled'], { templates: true, imports: ['Novaway\\Bundle\\FeatureFlagBundle'] }),
  sdk('ylsideas/feature-flags', 'php', ['ylsideas/feature-flags'], ['Features::accessible(', "@feature('", 'Features::'], { templates: true, imports: ['YlsIdeas\\FeatureFlags'] }),
  // Elixir (Hex packages). Calls are module-qualified (`FunWithFlags.enabled?(:x, for: user)`);
  // the Erlang LaunchDarkly SDK is called as `:ldclient.variation(…)`. Trap: fun_with_flags_ui
  // is the admin UI only (its mount is no evaluation).
  sdk('fun_with_flags', 'elixir', ['fun_with_flags'], ['FunWithFlags.enabled?(', 'FunWithFlags.enabled? ']),
  sdk('ConfigCat', 'elixir', ['configcat'], ['ConfigCat.get_value(', 'ConfigCat.get_value_details(', 'ConfigCat.get_all_values('], { imports: ['ConfigCat'] }),
  sdk('LaunchDarkly', 'elixir', ['ldclient', 'launchdarkly_server_sdk'], [':ldclient.variation(', ':ldclient.variation_detail(', ':ldclient.all_flags_state(']),
  sdk('Unleash', 'elixir', ['unleash', 'unleash_fresha'], ['Unleash.enabled?(', 'Unleash.get_variant(']),
  sdk('Flagsmith', 'elixir', ['flagsmith_engine', 'flagsmith_elixir_sdk'], ['Flagsmith.Client.is_feature_enabled(', 'Flagsmith.Client.get_environment_flags(', 'Flagsmith.Client.get_identity_flags(', 'Flagsmith.Client.get_feature_value(']),
  sdk('OpenFeature', 'elixir', ['open_feature'], ['OpenFeature.Client.get_boolean_value(', 'OpenFeature.Client.get_string_value(', 'OpenFeature.Client.get_boolean_details(']),
  sdk('GrowthBook', 'elixir', ['growthbook'], ['GrowthBook.feature_on?(', 'GrowthBook.feature(']),
  sdk('PostHog', 'elixir', ['posthog'], ['Posthog.feature_flag(', 'Posthog.feature_flags(', 'Posthog.feature_flag_enabled?('], { analytics: true }),
  // Rust (crates are imported with `_` for `-`: `open_feature`, `unleash_api_client`).
  sdk('LaunchDarkly', 'rust', ['launchdarkly-server-sdk'], ['bool_variation(', 'str_variation(', 'float_variation(', 'int_variation(', 'json_variation(', 'variation_detail(', 'all_flags_detail(']),
  sdk('Unleash', 'rust', ['unleash-api-client'], ['is_enabled(', 'get_variant(']),
  sdk('Flagsmith', 'rust', ['flagsmith'], ['get_environment_flags(', 'get_identity_flags(', 'is_feature_enabled(', 'get_feature_value_as_string(']),
  sdk('OpenFeature', 'rust', ['open-feature', 'open-feature-flagd', 'open-feature-flipt', 'open-feature-env-var'], ['get_bool_value(', 'get_string_value(', 'get_int_value(', 'get_float_value(', 'get_struct_value(', 'get_bool_details('], { imports: ['open_feature'] }),
  sdk('ConfigCat', 'rust', ['configcat'], ['get_value(', 'get_flag_details(', 'get_all_values(']),
  sdk('GrowthBook', 'rust', ['growthbook-rust'], ['is_on(', 'is_off(', 'feature_result(']),
  sdk('PostHog', 'rust', ['posthog-rs'], ['is_feature_enabled(', 'get_feature_flag('], { analytics: true }),
  sdk('Statsig', 'rust', ['statsig-rust', 'statsig'], ['check_gate(', 'get_feature_gate(', 'get_experiment(', 'get_dynamic_config('], { analytics: true }),
  sdk('Flipt', 'rust', ['flipt', 'flipt-client'], ['evaluate_boolean(', 'evaluate_variant(', 'boolean(']),
  // .NET (NuGet ids compare case-insensitively). Microsoft.FeatureManagement evaluates flags with
  // `IFeatureManager.IsEnabledAsync`, gates actions with `[FeatureGate]` and Razor markup with
  // `<feature name="…">`. Trap: a flag SDK brought by an MSBuild SDK (`<Sdk Name="Org.Server.Sdk" />`,
  // global.json `msbuild-sdks`) never appears as a PackageReference: only its use in code can show
  // it (the in-house rules), never its name.
  sdk('Microsoft.FeatureManagement', 'dotnet', ['Microsoft.FeatureManagement', 'Microsoft.FeatureManagement.AspNetCore'], ['IsEnabledAsync(', '[FeatureGate(', 'GetVariantAsync(', '<feature name='], { templates: true }),
  sdk('LaunchDarkly', 'dotnet', ['LaunchDarkly.ServerSdk', 'LaunchDarkly.ClientSdk', 'LaunchDarkly.OpenFeature.ServerProvider'], [...LD_CALLS, 'IntVariation(', 'StringVariation(', 'JsonVariation(']),
  sdk('Unleash', 'dotnet', ['Unleash.Client'], UNLEASH_CALLS),
  sdk('Flagsmith', 'dotnet', ['Flagsmith'], [...FLAGSMITH_CALLS, 'GetEnvironmentFlags(', 'GetIdentityFlags(', 'IsFeatureEnabled(']),
  sdk('ConfigCat', 'dotnet', ['ConfigCat.Client'], [...CONFIGCAT_CALLS, 'GetValueAsync(']),
  sdk('Split', 'dotnet', ['Splitio', 'Splitio-net-core', 'SplitIO'], [...SPLIT_CALLS, 'GetTreatmentAsync(']),
  sdk('GrowthBook', 'dotnet', ['growthbook-c-sharp', 'GrowthBook'], GROWTHBOOK_CALLS),
  sdk('OpenFeature', 'dotnet', ['OpenFeature', 'OpenFeature.Contrib.Providers.Flagd', 'OpenFeature.Contrib.Providers.ConfigCat', 'OpenFeature.Contrib.Providers.Flagsmith', 'OpenFeature.Providers.MultiProvider'], [...OPENFEATURE_CALLS, 'GetBooleanValueAsync(', 'GetStringValueAsync(', 'GetBooleanDetailsAsync(']),
  sdk('PostHog', 'dotnet', ['PostHog', 'PostHog.AspNetCore'], [...POSTHOG_CALLS, 'IsFeatureEnabledAsync(', 'GetFeatureFlagAsync('], { analytics: true }),
  sdk('Statsig', 'dotnet', ['Statsig', 'StatsigServerSDK'], [...STATSIG_CALLS, 'CheckGateSync(', 'GetExperimentSync('], { analytics: true }),
  sdk('Optimizely', 'dotnet', ['Optimizely.SDK'], [...OPTIMIZELY_CALLS, '.Decide('], { analytics: true }),
  sdk('Flipt', 'dotnet', ['Flipt.Client', 'flipt-client-dotnet'], FLIPT_CALLS),
  sdk('DevCycle', 'dotnet', ['DevCycle.SDK.Server.Local', 'DevCycle.SDK.Server.Cloud'], [...DEVCYCLE_CALLS, 'VariableAsync(', 'VariableValueAsync(']),
  sdk('AWS AppConfig', 'dotnet', ['AWSSDK.AppConfigData'], [...APPCONFIG_CALLS, 'StartConfigurationSessionAsync(', 'GetLatestConfigurationAsync(']),
  sdk('Esquio', 'dotnet', ['Esquio', 'Esquio.AspNetCore'], ['IsEnabledAsync(', '[FeatureFilter(', 'AddEsquio(']),
  sdk('FeatureToggle', 'dotnet', ['FeatureToggle'], ['.FeatureEnabled', ': SimpleFeatureToggle', ': EnabledOnOrAfterDateFeatureToggle'])
]

/** Management/API clients that are not flag SDKs (docs/catalogue.md, "Feature flags"): named in evidence when found. */
export const FLAG_MANAGEMENT_CLIENTS: readonly string[] = ['launchdarkly-api', 'launchdarkly-api-client', 'flagsmith-go-api-client', 'launchdarkly-eventsource']

/**
 * Module names of an in-house flag resolver (`feature_flags.py`, `featureFlags.ts`, `flags.go`).
 * Not `features`: that name holds model mixins, ML features or product features far more often
 * than flags (a real DRF service's `models/features.py` is model mixins).
 */
export const IN_HOUSE_MODULE_STEMS: readonly string[] = ['feature_flags', 'featureflags', 'feature-flags', 'featureflag', 'feature_flag', 'feature-flag', 'feature_toggles', 'featuretoggles', 'feature-toggles', 'toggles', 'flags']

/** What a resolver module must contain to be a resolver, not a constants file. */
/** Not `is_active`/`isActive`: every user or record model has one. */
export const IN_HOUSE_RESOLVER_TOKENS: readonly string[] = [
  'is_enabled', 'isEnabled', 'IsEnabled', 'enabled?', 'flag_enabled', 'isFeatureEnabled', 'is_feature_enabled', 'feature_enabled', 'isOn(', 'is_on(',
  // A flags object whose method is plain `enabled` (`request.flags.enabled(AdminFlagValue.READ_ONLY)`).
  'def enabled(',
  // Per-request or per-user checks exposed by middleware or a hook (`req.hasFeatureFlag(flag)`, `useFeatureFlag(flag)`).
  'hasFeatureFlag', 'useFeatureFlag'
]

/**
 * Code that only reads flags to show or flip them — a developer or debug menu — gates nothing:
 * a flag store referenced only from there is defined but unused. Matched on the importing file's
 * path segments and name.
 */
export const IN_HOUSE_DEV_TOOLING = /(^|[/._-])(developer|devtools?|dev[-_]?menu|dev[-_]?tools|debug(menu|panel)?)([/._-]|$)/i

/** A flag model or table defined in code: `class FeatureFlag(models.Model)`, `create_table :feature_flags`. */
export const IN_HOUSE_MODEL_TOKENS: readonly string[] = ['schema "feature_flags"', 'schema("feature_flags"', 'class FeatureFlag', 'class FeatureToggle', 'class Flag(models.Model', 'class Flag(Base', 'class Flag(db.Model', 'create_table :feature_flags', 'create_table "feature_flags"', 'model FeatureFlag ', 'type FeatureFlag struct', '@Entity class FeatureFlag', 'public class FeatureFlag', 'export class FeatureFlag', 'interface FeatureFlag ']

/**
 * Routes of an in-house flag system toggled at runtime: a write (`PATCH`/`POST`/`PUT`) on a path
 * whose last segment names flags (`PATCH /experimental-features`). Trap: `/features` and `/flags`
 * alone are left out — product feature lists, plans and moderation flags use them; a Rust
 * `struct FeatureFlag` is product data as often (a webhook product's event-type flags).
 */
export const TOGGLE_ROUTE_SEGMENTS: readonly string[] = ['feature-flags', 'feature_flags', 'featureflags', 'experimental-features', 'experimental_features', 'feature-toggles', 'feature_toggles', 'toggles']
export const TOGGLE_WRITE_METHODS: readonly string[] = ['PATCH', 'POST', 'PUT']

/** The class names those models define, searched for elsewhere in code. */
export const IN_HOUSE_MODEL_NAMES: readonly string[] = ['FeatureFlag', 'FeatureToggle']

/**
 * Env-var / settings toggles: a flag-like name (`FEATURE_X`, `FF_X`, `ENABLE_X`, `X_ENABLED`) on a
 * line that also reads config — start-up command-line switches too (`flag.BoolVar(&x,
 * "feature-proxy-mode", …)`, `add_argument("--feature-x")`), which also need a restart to flip.
 */
export const ENV_TOGGLE_NAMES: readonly string[] = ['FEATURE_', 'FF_', 'FEATURES[', 'FEATURE_FLAGS', 'feature.', 'features.', 'ENABLE_', '_ENABLED', '"feature-', '"--feature-', "'--feature-"]
/**
 * Flag-like names that are something else: the HTTP Feature-Policy header, and switches for
 * developer tooling, diagnostics, observability or transport (`DEBUG_TOOLBAR_ENABLED`,
 * `SENTRY_ENABLED`, `PPROF_ENABLED`, `ENABLE_SLOW_QUERY_LOGS`, `PROMETHEUS_ENABLED`,
 * `ENABLE_SUBPATH_BASED_ACCESS`), which gate no product feature. Trap: match whole words of the
 * name, not `LOG` (which `ENABLE_LOGIN` and `BLOG_ENABLED` contain) or `PROFILE` (a product page).
 */
export const ENV_TOGGLE_NOT_FLAGS: readonly string[] = ['FEATURE_POLICY', 'feature_policy', 'DEBUG', 'TOOLBAR', 'SENTRY', 'METRICS', 'TELEMETRY', 'TRACING', 'PROFILER', 'PROFILING', 'PPROF', 'SLOW_QUERY', 'PROMETHEUS', 'LOGGING', 'CORS', 'SSL', 'TLS', 'HTTPS', 'SUBPATH', 'PROXY', 'CACHE']
export const ENV_TOGGLE_READERS: readonly string[] = ['flag.BoolVar(', 'flag.Bool(', '.BoolVar(', 'Flags().Bool(', 'add_argument(', 'getenv(', 'environ', 'envbool(', 'env_bool(', 'settings.', 'process.env', 'ENV[', 'ENV.fetch', 'Getenv(', 'LookupEnv(', 'config(', 'env(', 'env.bool(', 'config.get', '@Value(', 'ConditionalOnProperty', 'getProperty(', 'Rails.configuration', 'current_app.config', 'app.config', '@Requires(property', '@IfBuildProperty(', '@ConfigProperty(name']
