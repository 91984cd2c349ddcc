output "app_url" {
  description = "The web app, API, Swagger UI and actuator (port 8080 of the tasks)."
  value       = module.waymark.app_url
}

output "collector_url" {
  description = "The lean collector (port 8081 of the tasks): data-endpoint of the browser snippet, URL of the Java client."
  value       = module.waymark.collector_url
}

output "grafana_url" {
  description = "Amazon Managed Grafana workspace, when enabled."
  value       = module.monitoring.grafana_url
}

output "prometheus_query_url" {
  description = "Amazon Managed Prometheus query endpoint (a Grafana data source), when enabled."
  value       = module.monitoring.amp_query_url
}

output "kafka_bootstrap_servers" {
  description = "MSK bootstrap brokers (TLS)."
  value       = module.msk.bootstrap_brokers_tls
}

output "clickhouse_url" {
  description = "ClickHouse HTTP endpoint used by Waymark."
  value       = var.clickhouse_external_url != "" ? var.clickhouse_external_url : module.clickhouse.url
}

output "postgres_endpoint" {
  description = "RDS PostgreSQL endpoint (metadata)."
  value       = module.rds.endpoint
}

output "exports_bucket" {
  description = "S3 bucket for exports."
  value       = module.storage.exports_bucket
}

output "backups_bucket" {
  description = "S3 bucket for backups (ClickHouse backups, database dumps, the master key's escrow)."
  value       = module.storage.backups_bucket
}

output "master_key_secret_arn" {
  description = "Secrets Manager secret holding WAYMARK_MASTER_KEY (generated; back it up with the data)."
  value       = module.waymark.master_key_secret_arn
}

output "alarms_topic_arn" {
  description = "SNS topic of the CloudWatch alarms: subscribe your pager to it."
  value       = module.monitoring.alarms_topic_arn
}
