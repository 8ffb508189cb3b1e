defmodule Pool.Repo.Migrations.AddLoginQuery do
  use Ecto.Migration

  def up do
    alter table("accounts", prefix: "_pool") do
      add(:needs_login, :boolean, null: false, default: true)
      add(:login_query, :string, null: true)
    end

    rule = """
    (needs_login = true) OR (needs_login = false AND login_query IS NOT NULL)
    """

    create(constraint("accounts", :login_rule, check: rule, prefix: "_pool"))
  end

  def down do
    drop(constraint("accounts", "login_rule", prefix: "_pool"))

    alter table("accounts", prefix: "_pool") do
      remove(:login_query)
      remove(:needs_login)
    end
  end
end
