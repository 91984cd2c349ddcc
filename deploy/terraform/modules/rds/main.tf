# RDS PostgreSQL: Waymark's metadata (accounts, keys, rules, exports, the vault's wrapped keys,
# web sessions) shared by every instance. The master password is generated and kept by RDS in
# Secrets Manager; Waymark reads it from there at task start.

resource "aws_security_group" "db" {
  name        = "${var.name}-postgres"
  description = "PostgreSQL from the Waymark tasks"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "postgres_from_waymark" {
  security_group_id            = aws_security_group.db.id
  description                  = "PostgreSQL from Waymark"
  ip_protocol                  = "tcp"
  from_port                    = 5432
  to_port                      = 5432
  referenced_security_group_id = var.client_sg_id
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.subnet_ids
}

resource "aws_db_parameter_group" "this" {
  name   = "${var.name}-pg${var.engine_version}"
  family = "postgres${var.engine_version}"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_instance" "this" {
  identifier     = var.name
  engine         = "postgres"
  engine_version = var.engine_version
  instance_class = var.instance_class

  allocated_storage     = var.allocated_gib
  max_allocated_storage = var.allocated_gib * 5
  storage_type          = "gp3"
  storage_encrypted     = true

  db_name                     = "waymark"
  username                    = "waymark"
  manage_master_user_password = true

  db_subnet_group_name   = aws_db_subnet_group.this.name
  vpc_security_group_ids = [aws_security_group.db.id]
  parameter_group_name   = aws_db_parameter_group.this.name
  publicly_accessible    = false
  multi_az               = var.multi_az

  backup_retention_period   = var.backup_retention_days
  backup_window             = "02:00-02:30"
  maintenance_window        = "sun:03:30-sun:04:30"
  deletion_protection       = var.deletion_protection
  skip_final_snapshot       = !var.deletion_protection
  final_snapshot_identifier = "${var.name}-final"
  copy_tags_to_snapshot     = true

  # Not offered on the smallest burstable classes.
  performance_insights_enabled = !contains(["db.t3.micro", "db.t3.small", "db.t4g.micro", "db.t4g.small"], var.instance_class)
  auto_minor_version_upgrade   = true
}
