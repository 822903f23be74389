{{/* The chart name, or nameOverride. */}}
{{- define "trackwatch.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* RELEASE-trackwatch, or RELEASE when it already contains the name, or fullnameOverride; at most 52
     characters, so a StatefulSet pod name (plus "-N" and the controller's hash label) stays within 63. */}}
{{- define "trackwatch.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 52 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "trackwatch.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels selecting the daemon's pods (never changed after install: a StatefulSet's selector is immutable). */}}
{{- define "trackwatch.selectorLabels" -}}
app.kubernetes.io/name: {{ include "trackwatch.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: monitor
{{- end }}

{{- define "trackwatch.labels" -}}
helm.sh/chart: {{ include "trackwatch.chart" . }}
app.kubernetes.io/name: {{ include "trackwatch.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: trackwatch
{{- end }}

{{- define "trackwatch.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "trackwatch.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "trackwatch.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The ConfigMap that holds checks/ and runbooks/ (inline: the chart's; existingConfigMap: the user's). */}}
{{- define "trackwatch.configMapName" -}}
{{- if eq .Values.config.source "existingConfigMap" }}
{{- required "config.existingConfigMap.name is required when config.source is existingConfigMap" .Values.config.existingConfigMap.name }}
{{- else }}
{{- printf "%s-checks" (include "trackwatch.fullname" .) }}
{{- end }}
{{- end }}

{{/* A ConfigMap key for a file path: '/' is not allowed in keys, so it becomes "__". */}}
{{- define "trackwatch.fileKey" -}}
{{- . | replace "/" "__" }}
{{- end }}

{{/* The ConfigMap's data of the inline source: checks/PATH and runbooks/PATH, sorted. checks/.keep makes the
     directory exist with no checks given (an empty tree is valid; hidden files are neither loaded nor hashed). */}}
{{- define "trackwatch.inlineData" -}}
checks__.keep: ""
{{- range $path, $content := .Values.config.checks }}
{{ include "trackwatch.fileKey" (printf "checks/%s" $path) }}: {{ $content | quote }}
{{- end }}
{{- range $path, $content := .Values.config.runbooks }}
{{ include "trackwatch.fileKey" (printf "runbooks/%s" $path) }}: {{ $content | quote }}
{{- end }}
{{- end }}

{{/* Where the checks tree and the runbooks are inside the containers. A ConfigMap volume's files are links
     into its "..data" directory, which Kubernetes swaps atomically on an update; the checks tree is read
     through it so that its subdirectories (tracking-plan/...) are real directories to the loader. */}}
{{- define "trackwatch.checksDir" -}}
{{- if eq .Values.config.source "gitSync" }}
{{- printf "/git/current/%s" (.Values.config.gitSync.checksPath | trimSuffix "/") }}
{{- else if and (eq .Values.config.source "existingConfigMap") (not .Values.config.existingConfigMap.items) }}
{{- "/etc/trackwatch/config" }}
{{- else }}
{{- "/etc/trackwatch/config/..data/checks" }}
{{- end }}
{{- end }}

{{- define "trackwatch.runbooksDir" -}}
{{- if eq .Values.config.source "gitSync" }}
{{- printf "/git/current/%s" (.Values.config.gitSync.runbooksPath | trimSuffix "/") }}
{{- else if and (eq .Values.config.source "existingConfigMap") (not .Values.config.existingConfigMap.items) }}
{{- "/etc/trackwatch/runbooks-none" }}
{{- else }}
{{- "/etc/trackwatch/config/..data/runbooks" }}
{{- end }}
{{- end }}

{{/* The config volume (inline or existing ConfigMap, with its items), or the git-sync emptyDir; called with
     (dict "root" $ "configMap" NAME), NAME being the ConfigMap to mount (the validate hook has its own). */}}
{{- define "trackwatch.configVolume" -}}
{{- $cm := .configMap }}
{{- with .root }}
{{- if eq .Values.config.source "gitSync" }}
- name: git
  emptyDir: {}
{{- else }}
- name: config
  configMap:
    name: {{ $cm }}
    {{- if eq .Values.config.source "inline" }}
    items:
      - key: checks__.keep
        path: checks/.keep
      {{- range $path, $_ := .Values.config.checks }}
      - key: {{ include "trackwatch.fileKey" (printf "checks/%s" $path) }}
        path: {{ printf "checks/%s" $path }}
      {{- end }}
      {{- range $path, $_ := .Values.config.runbooks }}
      - key: {{ include "trackwatch.fileKey" (printf "runbooks/%s" $path) }}
        path: {{ printf "runbooks/%s" $path }}
      {{- end }}
    {{- else if .Values.config.existingConfigMap.items }}
    items:
      {{- toYaml .Values.config.existingConfigMap.items | nindent 6 }}
    {{- end }}
{{- end }}
{{- end }}
{{- end }}

{{- define "trackwatch.configMount" -}}
{{- if eq .Values.config.source "gitSync" }}
- name: git
  mountPath: /git
  readOnly: true
{{- else }}
- name: config
  mountPath: /etc/trackwatch/config
  readOnly: true
{{- end }}
{{- end }}

{{/* A git-sync container: the sidecar that follows the branch, or (oneTime) the init container whose first
     checkout is there before the daemon loads the tree. */}}
{{- define "trackwatch.gitSync" -}}
{{- $g := .root.Values.config.gitSync }}
- name: {{ .oneTime | ternary "git-sync-init" "git-sync" }}
  image: {{ $g.image | quote }}
  args:
    - --repo={{ required "config.gitSync.repo is required when config.source is gitSync" $g.repo }}
    - --ref={{ $g.ref }}
    - --root=/git
    - --link=current
    - --depth=1
    {{- if .oneTime }}
    - --one-time
    {{- else }}
    - --period={{ $g.period }}
    {{- end }}
  {{- with $g.existingSecret }}
  envFrom:
    - secretRef:
        name: {{ . }}
  {{- end }}
  securityContext:
    {{- toYaml .root.Values.securityContext | nindent 4 }}
  {{- with $g.resources }}
  resources:
    {{- toYaml . | nindent 4 }}
  {{- end }}
  volumeMounts:
    - name: git
      mountPath: /git
    - name: tmp
      mountPath: /tmp
{{- end }}

{{/* One secretKeyRef environment variable, left out when the key name is empty or there is no Secret. */}}
{{- define "trackwatch.secretEnv" -}}
{{- if and .root.Values.secrets.existingSecret .key }}
- name: {{ .name }}
  valueFrom:
    secretKeyRef:
      name: {{ .root.Values.secrets.existingSecret }}
      key: {{ .key }}
      {{- if .optional }}
      optional: true
      {{- end }}
{{- end }}
{{- end }}

{{/* The environment every Trackwatch container gets: ClickHouse, the state database, the secrets. */}}
{{- define "trackwatch.commonEnv" -}}
- name: TRACKWATCH_CLICKHOUSE_URL
  value: {{ .Values.clickhouse.url | quote }}
- name: TRACKWATCH_CLICKHOUSE_USER
  value: {{ .Values.clickhouse.user | quote }}
- name: TRACKWATCH_STATE_DATABASE
  value: {{ .Values.clickhouse.stateDatabase | quote }}
- name: JAVA_TOOL_OPTIONS
  value: {{ .Values.javaOptions | quote }}
- name: TRACKWATCH_LOG_FORMAT
  value: json
{{- include "trackwatch.secretEnv" (dict "root" . "name" "TRACKWATCH_CLICKHOUSE_PASSWORD" "key" .Values.secrets.clickhousePasswordKey "optional" false) }}
{{- include "trackwatch.secretEnv" (dict "root" . "name" "TRACKWATCH_SLACK_TOKEN" "key" .Values.secrets.slackTokenKey "optional" .Values.secrets.optionalTokens) }}
{{- include "trackwatch.secretEnv" (dict "root" . "name" "TRACKWATCH_API_TOKEN" "key" .Values.secrets.apiTokenKey "optional" .Values.secrets.optionalTokens) }}
{{- end }}

{{- define "trackwatch.publicUrl" -}}
{{- if .Values.publicUrl }}
{{- .Values.publicUrl }}
{{- else if and .Values.ingress.enabled .Values.ingress.hosts }}
{{- printf "%s://%s" (not (empty .Values.ingress.tls) | ternary "https" "http") (first .Values.ingress.hosts) }}
{{- else }}
{{- printf "http://%s.%s.svc:%d" (include "trackwatch.fullname" .) .Release.Namespace (int .Values.service.port) }}
{{- end }}
{{- end }}
