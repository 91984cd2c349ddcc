# Development: smallest sizes, one NAT gateway, plain HTTP allowed, easy to tear down.
# terraform plan -var-file=envs/dev.tfvars -var="waymark_image=ghcr.io/<owner>/waymark:<version>"
environment = "dev"
region      = "eu-west-1"
vpc_cidr    = "10.40.0.0/16"
az_count    = 2

single_nat_gateway = true

waymark_desired_count = 1
waymark_cpu           = 2048
waymark_memory        = 8192

msk_instance_type  = "kafka.t3.small"
msk_brokers_per_az = 1
msk_volume_gib     = 100

rds_instance_class = "db.t4g.micro"
rds_allocated_gib  = 20
rds_multi_az       = false

clickhouse_instance_type = "m6i.large"
clickhouse_volume_gib    = 100

backup_retention_days = 7
log_retention_days    = 14

enable_managed_prometheus = false
enable_managed_grafana    = false
deletion_protection       = false
