class CreateSpreeThings < (ActiveRecord::VERSION::MAJOR >= 5 ? ActiveRecord::Migration[4.2] : ActiveRecord::Migration)
  def change
    remove_column :spree_things, :legacy
  end
end
