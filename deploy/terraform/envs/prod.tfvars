# Production: three zones, a NAT gateway per zone, HTTPS only, three instances, replicated Kafka,
# a standby database, deletion protection. Set certificate_arn and alarm_email.
# terraform plan -var-file=envs/prod.tfvars -var="waymark_image=ghcr.io/<owner>/waymark:<version>"
environment = "prod"
region      = "eu-west-1"
vpc_cidr    = "10.50.0.0/16"
az_count    = 3

single_nat_gateway = false

certificate_arn = "arn:aws:acm:eu-west-1:123456789012:certificate/REPLACE-ME"
alarm_email     = "oncall@example.com"

waymark_desired_count = 3
waymark_cpu           = 4096
waymark_memory        = 16384

msk_instance_type  = "kafka.m7g.large"
msk_brokers_per_az = 1
msk_volume_gib     = 1000

rds_instance_class = "db.r7g.large"
rds_allocated_gib  = 100
rds_multi_az       = true

clickhouse_instance_type = "r6i.2xlarge"
clickhouse_volume_gib    = 1000
# clickhouse_external_url = "https://<id>.eu-west-1.aws.clickhouse.cloud:8443"  # managed instead

backup_retention_days = 35
log_retention_days    = 90

enable_managed_prometheus = true
enable_managed_grafana    = true
deletion_protection       = true
