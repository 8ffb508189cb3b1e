class CascadePtables < ActiveRecord::Migration[4.2]
  def up
    remove_foreign_key 'hostgroups', :name => 'hostgroups_ptable_id_fk'
    remove_foreign_key 'hosts', :name => 'hosts_ptable_id_fk'
    add_column :templates, :os_family, :string
    add_foreign_key 'hostgroups', 'ptables', :name => 'hostgroups_ptable_id_fk', :column => 'ptable_id', :on_delete => :cascade
    add_foreign_key 'hosts', 'ptables', :name => 'hosts_ptable_id_fk', :column => 'ptable_id', :on_delete => :cascade
  end

  def down
    remove_foreign_key 'hostgroups', :name => 'hostgroups_ptable_id_fk'
    remove_foreign_key 'hosts', :name => 'hosts_ptable_id_fk'
    remove_column :templates, :os_family
    add_foreign_key 'hostgroups', 'ptables', :name => 'hostgroups_ptable_id_fk', :column => 'ptable_id'
    add_foreign_key 'hosts', 'ptables', :name => 'hosts_ptable_id_fk', :column => 'ptable_id'
  end
end
