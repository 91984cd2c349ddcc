# Waymark on AWS: the cluster mode of docs/design/cloud.md. Waymark tasks on ECS Fargate behind an
# Application Load Balancer share MSK (the event log and stream state), RDS PostgreSQL (metadata,
# web sessions, the vault's wrapped keys) and ClickHouse (analytics). S3 holds exports and backups;
# CloudWatch has the logs and alarms, optionally Amazon Managed Prometheus and Grafana the metrics.

locals {
  name = "waymark-${var.environment}"
}

module "network" {
  source = "./modules/network"

  name               = local.name
  cidr               = var.vpc_cidr
  az_count           = var.az_count
  single_nat_gateway = var.single_nat_gateway
}

# Security groups live here so that each service can admit exactly the Waymark tasks.
resource "aws_security_group" "waymark" {
  name        = "${local.name}-tasks"
  description = "Waymark tasks: reached by the load balancer only"
  vpc_id      = module.network.vpc_id
}

resource "aws_vpc_security_group_egress_rule" "waymark_all" {
  security_group_id = aws_security_group.waymark.id
  description       = "MSK, RDS, ClickHouse, S3, Secrets Manager, webhooks and connected sources"
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}

module "msk" {
  source = "./modules/msk"

  name               = local.name
  vpc_id             = module.network.vpc_id
  subnet_ids         = module.network.private_subnet_ids
  client_sg_id       = aws_security_group.waymark.id
  kafka_version      = var.msk_kafka_version
  instance_type      = var.msk_instance_type
  brokers_per_az     = var.msk_brokers_per_az
  volume_gib         = var.msk_volume_gib
  log_retention_days = var.log_retention_days
}

module "rds" {
  source = "./modules/rds"

  name                  = local.name
  vpc_id                = module.network.vpc_id
  subnet_ids            = module.network.private_subnet_ids
  client_sg_id          = aws_security_group.waymark.id
  instance_class        = var.rds_instance_class
  allocated_gib         = var.rds_allocated_gib
  multi_az              = var.rds_multi_az
  engine_version        = var.rds_engine_version
  backup_retention_days = min(var.backup_retention_days, 35)
  deletion_protection   = var.deletion_protection
}

module "clickhouse" {
  source = "./modules/clickhouse"

  name          = local.name
  create        = var.clickhouse_external_url == ""
  vpc_id        = module.network.vpc_id
  subnet_id     = module.network.private_subnet_ids[0]
  client_sg_id  = aws_security_group.waymark.id
  instance_type = var.clickhouse_instance_type
  volume_gib    = var.clickhouse_volume_gib
  backup_bucket = module.storage.backups_bucket
}

module "storage" {
  source = "./modules/storage"

  name                  = local.name
  backup_retention_days = var.backup_retention_days
  force_destroy         = !var.deletion_protection
}

module "monitoring" {
  source = "./modules/monitoring"

  name                      = local.name
  region                    = var.region
  alarm_email               = var.alarm_email
  enable_managed_prometheus = var.enable_managed_prometheus
  enable_managed_grafana    = var.enable_managed_grafana
  alert_rules_yaml          = file("${path.root}/../prometheus/alerts.yml")
  alb_arn_suffix            = module.waymark.alb_arn_suffix
  app_target_group_suffix   = module.waymark.app_target_group_arn_suffix
  ecs_cluster_name          = module.waymark.cluster_name
  ecs_service_name          = module.waymark.service_name
  rds_instance_id           = module.rds.instance_id
  msk_cluster_name          = module.msk.cluster_name
  clickhouse_instance_id    = module.clickhouse.instance_id
}

module "waymark" {
  source = "./modules/waymark"

  name                  = local.name
  region                = var.region
  vpc_id                = module.network.vpc_id
  public_subnet_ids     = module.network.public_subnet_ids
  private_subnet_ids    = module.network.private_subnet_ids
  task_sg_id            = aws_security_group.waymark.id
  allowed_ingress_cidrs = var.allowed_ingress_cidrs
  certificate_arn       = var.certificate_arn
  image                 = var.waymark_image
  desired_count         = var.waymark_desired_count
  cpu                   = var.waymark_cpu
  memory                = var.waymark_memory
  java_opts             = var.waymark_java_opts
  log_retention_days    = var.log_retention_days
  deletion_protection   = var.deletion_protection

  kafka_bootstrap_servers = module.msk.bootstrap_brokers_tls
  datasource_url          = module.rds.jdbc_url
  datasource_secret_arn   = module.rds.master_secret_arn
  clickhouse_url          = var.clickhouse_external_url != "" ? var.clickhouse_external_url : module.clickhouse.url

  clickhouse_password_secret_arn = module.clickhouse.password_secret_arn
  exports_bucket_arn             = module.storage.exports_bucket_arn
  backups_bucket_arn             = module.storage.backups_bucket_arn

  amp_remote_write_url = module.monitoring.amp_remote_write_url
  amp_workspace_arn    = module.monitoring.amp_workspace_arn
}
