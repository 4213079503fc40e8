-- Each statement below is annotated wrongly on purpose: propcheck --verify must report it.

-- a wrong mode: the role is assumed on top of the instance profile
-- expect: s3=instance_profile
SELECT * FROM FILES("path" = "s3://b/x.parquet", "format" = "parquet",
  "aws.s3.use_instance_profile" = "true", "aws.s3.region" = "us-west-2",
  "aws.s3.iam_role_arn" = "arn:aws:iam::081976408565:role/s3_reader");

-- a missing finding: nothing here is misspelled
-- expect: s3=instance_profile
-- expect-warning: unknown-key
SELECT * FROM FILES("path" = "s3://b/x.parquet", "format" = "parquet",
  "aws.s3.use_instance_profile" = "true", "aws.s3.region" = "us-west-2");

-- an unexpected finding: the region is missing
-- expect: s3=instance_profile
SELECT * FROM FILES("path" = "s3://b/x.parquet", "format" = "parquet",
  "aws.s3.use_instance_profile" = "true");

-- a service the statement does not use, and the wrong severity
-- expect: glue=iam_user
-- expect-error: default-region
SELECT * FROM FILES("path" = "s3://b/x.parquet", "format" = "parquet",
  "aws.s3.use_instance_profile" = "true");

-- no findings expected, but there is one
-- expect-no-findings
SELECT * FROM FILES("path" = "s3://b/x.parquet", "format" = "parquet",
  "aws.s3.use_instance_profile" = "1", "aws.s3.region" = "us-west-2");

-- expectations that cannot be read
-- expect: s3=instance_profil
-- expect-warning: no-such-rule
SELECT * FROM FILES("path" = "s3://b/x.parquet", "format" = "parquet",
  "aws.s3.use_instance_profile" = "true", "aws.s3.region" = "us-west-2");

-- an expectation before a statement that is not resolved
-- expect: s3=instance_profile
SELECT 1;
